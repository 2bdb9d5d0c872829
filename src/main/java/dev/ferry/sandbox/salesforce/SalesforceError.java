package dev.ferry.sandbox.salesforce;

/**
 * An error the sandbox answers as Salesforce does: an HTTP status and a body
 * {@code [{"message": ..., "errorCode": ...}]} (REST), or for the OAuth endpoint
 * {@code {"error": ..., "error_description": ...}}.
 */
final class SalesforceError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  final int status;
  final String errorCode;
  final boolean oauth;

  SalesforceError(int status, String errorCode, String message, boolean oauth) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.oauth = oauth;
  }

  static SalesforceError badRequest(String errorCode, String message) {
    return new SalesforceError(400, errorCode, message, false);
  }

  static SalesforceError notFound(String message) {
    return new SalesforceError(404, "NOT_FOUND", message, false);
  }

  static SalesforceError invalidSession() {
    return new SalesforceError(401, "INVALID_SESSION_ID", "Session expired or invalid", false);
  }

  static SalesforceError oauth(int status, String error, String description) {
    return new SalesforceError(status, error, description, true);
  }
}
