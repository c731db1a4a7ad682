package org.llmsim.app;

import java.util.List;

import org.llmsim.request.Request;

/** Which request classes a cache serves: all, or those named (by class index). */
record ClassFilter(boolean[] included) {

    static ClassFilter of(List<String> names, List<String> classNames) {
        boolean[] in = new boolean[classNames.size()];
        for (int i = 0; i < in.length; i++) {
            in[i] = names == null || names.contains(classNames.get(i));
        }
        return new ClassFilter(in);
    }

    boolean accepts(Request r) {
        return included[r.classIndex()];
    }
}
