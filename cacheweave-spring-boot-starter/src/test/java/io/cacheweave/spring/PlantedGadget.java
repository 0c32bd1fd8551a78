package io.cacheweave.spring;

/** A class a planted payload names: loading or making it leaves a trace in a system property. */
public class PlantedGadget {
    static final String LOADED = "cacheweave.test.planted-gadget";

    static {
        System.setProperty(LOADED, "class initialised");
    }

    public PlantedGadget() {
        System.setProperty(LOADED, "instantiated");
    }
}
