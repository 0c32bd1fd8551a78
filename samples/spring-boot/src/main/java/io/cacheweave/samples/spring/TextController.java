package io.cacheweave.samples.spring;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The REST face of {@link TextService}. */
@RestController
public class TextController {
    private final TextService texts;
    private final ReadingService readings;

    public TextController(TextService texts, ReadingService readings) {
        this.texts = texts;
        this.readings = readings;
    }

    @GetMapping("/reading")
    public ReadingService.Reading reading(@RequestParam String text) {
        return readings.reading(text);
    }

    @GetMapping("/summarize")
    public TextService.Summary summarize(@RequestParam String text, @RequestParam(defaultValue = "8") int maxWords) {
        return texts.summarize(text, maxWords);
    }

    @GetMapping("/sentiment")
    public TextService.Sentiment sentiment(@RequestParam String text) {
        return texts.sentiment(text);
    }

    @GetMapping("/key-points")
    public List<String> keyPoints(@RequestParam String text, @RequestParam(defaultValue = "3") int count) {
        return texts.keyPoints(text, count);
    }

    @PostMapping("/model-update")
    public void modelUpdate() {
        texts.onModelUpdate();
    }
}
