package io.tokenomics.cli;

/** A mistake of the user's (bad value, unreadable path, SQL error): reported as one line with exit code 2. */
final class UserException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserException(String message) {
        super(message);
    }

    UserException(String message, Throwable cause) {
        super(message, cause);
    }
}
