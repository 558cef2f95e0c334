package dev.plugbench.api;

import java.util.List;

/** Parameter values that do not fit a method's declaration; the message lists every problem and what was expected. */
@ApiStatus(ApiStatus.Status.STABLE)
public final class InvalidParametersException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final transient List<String> problems;

    public InvalidParametersException(String methodId, List<String> problems) {
        super("invalid parameters for method '" + methodId + "': " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    /** One entry per problem. */
    public List<String> problems() {
        return problems;
    }
}
