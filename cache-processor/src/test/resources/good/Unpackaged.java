import io.cacheweave.annotations.Cached;

public class Unpackaged {
    @Cached(operation = "unpackaged")
    String lookup(String name) {
        return name;
    }
}
