package dev.ferry.codegen;

/** Generation cannot go on (a user edit removed region markers, an option is invalid...); the message is for the user. */
public class GenerationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public GenerationException(String message) {
    super(message);
  }
}
