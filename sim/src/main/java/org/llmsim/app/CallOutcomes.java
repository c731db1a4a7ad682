package org.llmsim.app;

import org.llmsim.provider.CallCost;
import org.llmsim.provider.CallTokens;
import org.llmsim.request.Request;

/** Receives the outcome of every backend call. */
public interface CallOutcomes {

    /** A self-hosted call produced its last token at {@code timeS}; its timestamps are final. */
    void gpuCallFinished(Request call, double timeS);

    /**
     * An API call produced its last token at {@code timeS}, billed as {@code tokens} for {@code cost}.
     *
     * @param pool the provider pool that served it
     */
    void apiCallFinished(Request call, double timeS, ProviderBackend pool, CallTokens tokens, CallCost cost);

    /**
     * An API call failed at {@code timeS} (a server error, or given up at its timeout; the reason is set), billed as
     * {@code tokens} for {@code cost} (often nothing).
     */
    void callFailed(Request call, double timeS, ProviderBackend pool, CallTokens tokens, CallCost cost);

    /** The call was refused at {@code timeS}; its reason is set. */
    void callRejected(Request call, double timeS);

    /** The call was lost while being served (its replica crashed) at {@code timeS}; its reason is set. */
    void callFailed(Request call, double timeS);
}
