package dev.plugbench.plugins.latent;

import dev.plugbench.api.MethodInfo;
import dev.plugbench.api.ParamSpec;
import dev.plugbench.api.Params;
import dev.plugbench.api.latent.LatentQuantizer;
import dev.plugbench.api.latent.Quantizer;
import dev.plugbench.api.latent.QuantizerShape;
import java.util.List;
import org.pf4j.Extension;

/** {@code dictionary}: the paper's sparse dictionary bottleneck, codes by Batch-OMP (arXiv 2409.11184). */
@Extension
public final class DictionaryMethod implements LatentQuantizer {
    static final MethodInfo INFO = new MethodInfo("dictionary", FAMILY, "Sparse dictionary (Batch-OMP)", "arXiv 2409.11184", List.of(
            ParamSpec.integer("sparsity", 3, 1, 8, "S0: at most this many atoms per latent vector"),
            ParamSpec.real("beta", 0.25, 0, 10, "commitment weight"),
            ParamSpec.real("dictionary_weight", 1.0, 0, 100, "lambda_D, the weight of the dictionary's own loss term"),
            ParamSpec.real("dictionary_lr", 1e-3, 1e-7, 1, "Adam learning rate of the dictionary (update = gradient)"),
            ParamSpec.choice("update", "gradient", List.of("gradient", "online"),
                    "gradient: the authors' training; online: Mairal et al.'s block-coordinate update"),
            ParamSpec.real("forget", 0.99, 0, 1, "forgetting factor of the online update's statistics")));

    @Override
    public MethodInfo info() {
        return INFO;
    }

    @Override
    public Quantizer create(QuantizerShape shape, Params params, long seed) {
        int s0 = params.integer("sparsity");
        if (s0 > shape.latentDim()) {
            throw new IllegalArgumentException("sparsity S0 = " + s0 + " exceeds the latent width C = " + shape.latentDim()
                    + ": more than C atoms cannot be independent in C dimensions. Use S0 <= " + shape.latentDim() + ".");
        }
        if (s0 > shape.codebookSize()) {
            throw new IllegalArgumentException("sparsity S0 = " + s0 + " exceeds the number of atoms K = " + shape.codebookSize()
                    + ". Use S0 <= " + shape.codebookSize() + ".");
        }
        DictionaryQuantizer.Update update = params.choice("update").equals("online") ? DictionaryQuantizer.Update.ONLINE
                : DictionaryQuantizer.Update.GRADIENT;
        return new DictionaryQuantizer(shape, s0, params.real("beta"), params.real("dictionary_weight"), params.real("dictionary_lr"),
                update, params.real("forget"), seed);
    }
}
