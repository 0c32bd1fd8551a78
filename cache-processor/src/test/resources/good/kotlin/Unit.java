package kotlin;

/** Stands in for the Kotlin standard library's Unit, what a suspend function without a value resumes with. */
public final class Unit {
    private Unit() {
    }
}
