package org.llmsim.app;

import org.llmsim.request.Request;

/** What every response cache kind shares: a name, the classes it serves, and its LRU/TTL storage of answers. */
abstract class StoredAnswers implements ResponseCache {
    private final String name;
    private final ClassFilter classes;
    /** Answers by key (content key or paraphrase group), with the wording they answered as value. */
    final LruTtlStore answers;

    StoredAnswers(String name, long capacity, double ttlS, ClassFilter classes) {
        this.name = name;
        this.classes = classes;
        this.answers = new LruTtlStore(capacity, ttlS);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public boolean appliesTo(Request user) {
        return classes.accepts(user);
    }

    @Override
    public long entries() {
        return answers.size();
    }
}
