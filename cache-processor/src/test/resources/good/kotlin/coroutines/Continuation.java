package kotlin.coroutines;

/** Stands in for the Kotlin standard library's interface, which kapt stubs of suspend functions name. */
public interface Continuation<T> {
    Object getContext();

    void resumeWith(Object result);
}
