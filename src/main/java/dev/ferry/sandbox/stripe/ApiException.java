package dev.ferry.sandbox.stripe;

/** A Stripe API error: HTTP status plus the fields of the {@code {"error":{...}}} body. */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int status;
  final String type;
  final String code;
  final String param;

  ApiException(int status, String type, String code, String message, String param) {
    super(message);
    this.status = status;
    this.type = type;
    this.code = code;
    this.param = param;
  }

  static ApiException invalid(String message, String param) {
    return new ApiException(400, "invalid_request_error", "parameter_invalid", message, param);
  }

  static ApiException unknownParameter(String param) {
    return new ApiException(400, "invalid_request_error", "parameter_unknown", "Received unknown parameter: " + param, param);
  }

  static ApiException missing(String what, String id, String param) {
    return new ApiException(404, "invalid_request_error", "resource_missing", "No such " + what + ": '" + id + "'", param);
  }

  static ApiException unrecognizedUrl(String method, String path) {
    return new ApiException(
        404,
        "invalid_request_error",
        null,
        "Unrecognized request URL (" + method + ": " + path + "). Please see https://stripe.com/docs or we can help at https://support.stripe.com/.",
        null);
  }

  String docUrl() {
    return code == null ? null : "https://stripe.com/docs/error-codes/" + code.replace('_', '-');
  }
}
