package io.cacheweave.spring;

/** A value of the test services. */
public record Book(String isbn, String title) {
}
