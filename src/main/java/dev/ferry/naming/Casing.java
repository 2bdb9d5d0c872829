package dev.ferry.naming;

/** How a language spells a multi-word identifier. */
public enum Casing {
  /** {@code default_payment_method} */
  SNAKE,
  /** {@code defaultPaymentMethod} */
  CAMEL,
  /** {@code DefaultPaymentMethod} */
  PASCAL,
  /** the database spelling, untouched ({@code --naming database}) */
  KEEP
}
