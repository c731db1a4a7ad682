package org.llmsim.engine;

import java.util.ArrayList;
import java.util.List;

import org.llmsim.request.Request;

/** Records the requests an engine finished and preempted, for tests that drive a scheduler by hand. */
final class RecordingListener implements EngineListener {
    final List<Request> finished = new ArrayList<>();
    final List<Request> preempted = new ArrayList<>();
    final List<PreemptionMode> modes = new ArrayList<>();

    @Override
    public void onFinished(Request request, double timeS) {
        finished.add(request);
    }

    @Override
    public void onRejected(Request request, double timeS) {
    }

    @Override
    public void onPreempted(Request request, double timeS, PreemptionMode mode, boolean swapSpaceFull) {
        preempted.add(request);
        modes.add(mode);
    }

    @Override
    public void onIteration(int replica, double startS, double endS, int sequences, long newTokens,
            int outputTokens, int usedBlocks, int totalBlocks) {
    }
}
