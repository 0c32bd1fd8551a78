package io.cacheweave.llm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class MeaningGuardTest {

    @Test
    void conflict_paraphrases_none() {
        assertNull(MeaningGuard.conflict("What is the capital of France?", "Which city is France's capital?"));
        assertNull(MeaningGuard.conflict("How do I reverse a list in Python?", "Reversing a list in Python: how?"));
        assertNull(MeaningGuard.conflict("Summarize the meeting notes from March 3", "Give me a summary of the March 3 meeting notes"));
    }

    @Test
    void conflict_negation() {
        assertEquals("negation", MeaningGuard.conflict("Is Paris the capital of France?", "Is Paris not the capital of France?"));
        assertEquals("negation", MeaningGuard.conflict("Which foods contain gluten?", "Which foods don't contain gluten?"));
    }

    @Test
    void conflict_numbers() {
        assertEquals("number", MeaningGuard.conflict("What is 17 times 23?", "What is 17 times 24?"));
        assertEquals("number", MeaningGuard.conflict("List three benefits of exercise", "List five benefits of exercise"));
    }

    @Test
    void conflict_names() {
        assertEquals("name", MeaningGuard.conflict("Who founded Microsoft?", "Who founded Apple?"));
        assertEquals("name", MeaningGuard.conflict("How do I sort a list in Python?", "How do I sort a list in Java?"));
    }

    @Test
    void conflict_dates() {
        assertEquals("date", MeaningGuard.conflict("What is the weather tomorrow?", "What is the weather today?"));
        assertEquals("date", MeaningGuard.conflict("Sales report for March", "Sales report for May"));
    }

    @Test
    void conflict_opposites() {
        assertEquals("opposite", MeaningGuard.conflict("What are the advantages of remote work?",
                "What are the disadvantages of remote work?"));
        assertEquals("opposite", MeaningGuard.conflict("How do I increase my credit score?", "How do I decrease my credit score?"));
    }

    @Test
    void conflict_sameWordsInAnotherOrder() {
        assertEquals("order", MeaningGuard.conflict("Convert dollars to euros.", "Convert euros to dollars."));
        assertEquals("order", MeaningGuard.conflict("Who did Brutus kill?", "Who killed Brutus?"));
        assertEquals("order", MeaningGuard.conflict("Is a square a rectangle?", "Is a rectangle a square?"));
        assertNull(MeaningGuard.conflict("What is the boiling point of water at sea level?",
                "At sea level, what is the boiling point of water?"), "a prepositional phrase moved to the front");
    }
}
