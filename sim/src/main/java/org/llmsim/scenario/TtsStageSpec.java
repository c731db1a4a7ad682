package org.llmsim.scenario;

/**
 * Text to speech ({@code stage: tts}), after the stage that gives the answer. It streams: right after an answer
 * stage it starts on the answer's first tokens, so the first audio chunk reaches the user {@code first_chunk_s} after
 * the answer's first token, and the last one {@code first_chunk_s} after its last token (synthesis keeps pace with the
 * text). The user's time to first token is the first audio chunk. Price: {@code usd_per_mchar} per million characters
 * of the answer, at {@code chars_per_token} characters per token.
 *
 * @param name          its name in outputs (default {@code tts})
 * @param firstChunkS   time from the first text to the first audio chunk, seconds
 * @param usdPerMchar   price per million characters, USD (default 0)
 * @param charsPerToken characters per answer token (default 4)
 */
public record TtsStageSpec(String name, TimeSpec firstChunkS, Double usdPerMchar, Double charsPerToken)
        implements StageSpec {

    public TtsStageSpec {
        if (charsPerToken == null) {
            charsPerToken = 4.0;
        }
    }

    @Override
    public String kind() {
        return "tts";
    }

    @Override
    public void validate(String path, Problems p) {
        if (p.required(path + ".first_chunk_s", firstChunkS)) {
            firstChunkS.validate(path + ".first_chunk_s", p);
        }
        StageSpec.price(path + ".usd_per_mchar", usdPerMchar, p);
        p.positive(path + ".chars_per_token", charsPerToken);
    }

    @Override
    public long maxAddedTokens() {
        return 0;
    }
}
