package io.cacheweave.llm;

/**
 * Turns a question into a vector for semantic hits. Pluggable: {@code
 * io.cacheweave.llm.langchain4j.LangChain4jEmbedder} adapts any LangChain4j {@code EmbeddingModel}, and its
 * {@code inProcess()} runs all-MiniLM-L6-v2 inside the JVM with no network.
 */
public interface Embedder {

    /**
     * @return the embedding model's name; vectors are compared only with vectors of the same name and dimension, so
     *     entries another model wrote are skipped, never compared
     */
    String name();

    /**
     * @param text a question
     * @return its embedding; need not be normalised
     */
    float[] embed(String text);
}
