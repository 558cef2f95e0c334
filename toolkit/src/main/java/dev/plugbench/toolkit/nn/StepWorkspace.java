package dev.plugbench.toolkit.nn;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.MirroringPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The per-thread ND4J workspace a training step allocates its temporaries in (and, by name, other
 * hot loops: kernels, the plugins' coders and rules): it learns its size on
 * the first step and is reused by every later one. State that outlives a step (optimizer moments)
 * must be allocated outside it, with {@link #detached} or {@link #zerosLike}.
 */
public final class StepWorkspace {
    private static final String ID = "plugbench-training-step";
    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyAllocation(AllocationPolicy.STRICT)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyMirroring(MirroringPolicy.FULL)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private StepWorkspace() {
    }

    static MemoryWorkspace open() {
        return open(ID);
    }

    /**
     * A per-thread workspace of its own name (kernels use one apart from the training step's; the
     * plugins' coders and rules name theirs): memory reused from scope to scope instead of
     * off-heap garbage. Arrays created inside must not outlive the scope unless detached.
     */
    public static MemoryWorkspace open(String id) {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, id);
    }

    /** A copy of {@code a} that lives outside any workspace. */
    static INDArray detached(INDArray a) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return a.dup();
        }
    }

    /** Zeros shaped like {@code a}, outside any workspace. */
    static INDArray zerosLike(INDArray a) {
        try (MemoryWorkspace ignored = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return Nd4j.zeros(a.dataType(), a.shape());
        }
    }
}
