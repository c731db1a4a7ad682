package org.llmsim.app;

/**
 * What a pipeline's stages ask of the layer that runs them ({@link PipelineRunner} talks to nothing else of it): a
 * model call, the price of a stage without a model, and the end of the request, completed or not.
 */
interface StageHost {

    /**
     * A model call of {@code input} prompt and {@code output} tokens for the run's current stage, to {@code tier}
     * (null: the tier the rules pick); its answer comes back through {@link PipelineRunner#callAnswered}.
     */
    void modelCall(Pipeline.Run run, Tier tier, int input, int output);

    /** Books the price of a stage without a model to the run's request (nothing when null or zero). */
    void charge(Pipeline.Run run, Pipeline.Stage stage, Double usd);

    /** The last stage ended now: the request is complete. */
    void finish(Pipeline.Run run);

    /** The request ends now, rejected ({@code refusal}) or failed, for {@code reason}. */
    void end(Pipeline.Run run, String reason, boolean refusal);
}
