package org.llmsim.workload;

import java.util.List;

import org.apache.commons.math3.random.RandomGenerator;

/**
 * Picks the class of an arrival shared by several classes, in proportion to their shares (equal when none is
 * given). With one class it draws nothing, so a class-less workload's streams are untouched.
 */
final class ClassPicker {
    private final RequestClass[] classes;
    private final double[] cumulative;
    private final RandomGenerator rng;

    ClassPicker(List<RequestClass> classes, RandomGenerator rng) {
        this.classes = classes.toArray(new RequestClass[0]);
        this.cumulative = new double[this.classes.length];
        this.rng = rng;
        double total = 0;
        for (int i = 0; i < this.classes.length; i++) {
            Double share = this.classes[i].spec.share();
            total += share != null ? share : 1.0;
            cumulative[i] = total;
        }
        for (int i = 0; i < cumulative.length; i++) {
            cumulative[i] /= total;
        }
    }

    RequestClass pick() {
        if (classes.length == 1) {
            return classes[0];
        }
        double u = rng.nextDouble();
        for (int i = 0; i < cumulative.length - 1; i++) {
            if (u < cumulative[i]) {
                return classes[i];
            }
        }
        return classes[classes.length - 1];
    }
}
