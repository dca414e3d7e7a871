package io.tokenomics.lake;

import java.io.IOException;

/** A lake that cannot be read or written as asked; the message says what to do, for the user. */
public final class LakeException extends IOException {
    private static final long serialVersionUID = 1L;

    public LakeException(String message) {
        super(message);
    }
}
