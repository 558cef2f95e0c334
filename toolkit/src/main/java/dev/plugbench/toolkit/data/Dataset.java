package dev.plugbench.toolkit.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An immutable data set: n x d float64 features with either integer class labels (classification)
 * or an n x k matrix of real targets (regression), a name, class names, and a SHA-256 content hash
 * for provenance. Operations return new datasets; the arrays are never modified in place.
 */
public final class Dataset {
    private final String name;
    private final INDArray features;
    private final int[] labels;
    private final INDArray targets;
    private final List<String> classNames;
    private volatile String hash;

    private Dataset(String name, INDArray features, int[] labels, INDArray targets, List<String> classNames) {
        this.name = Objects.requireNonNull(name, "name is null");
        Objects.requireNonNull(features, "features is null");
        if (features.rank() != 2) {
            throw new IllegalArgumentException("features must be a matrix (n x d); got shape " + Arrays.toString(features.shape()));
        }
        this.features = features.castTo(DataType.DOUBLE);
        this.labels = labels;
        this.targets = targets == null ? null : targets.castTo(DataType.DOUBLE);
        this.classNames = List.copyOf(classNames);
        int n = (int) features.rows();
        if (labels != null && labels.length != n) {
            throw new IllegalArgumentException("dataset '" + name + "': " + n + " rows of features but " + labels.length + " labels");
        }
        if (targets != null && targets.rows() != n) {
            throw new IllegalArgumentException("dataset '" + name + "': " + n + " rows of features but " + targets.rows() + " rows of targets");
        }
        if (labels != null) {
            for (int i = 0; i < n; i++) {
                if (labels[i] < 0 || labels[i] >= classNames.size()) {
                    throw new IllegalArgumentException("dataset '" + name + "': label " + labels[i] + " at row " + i
                            + " is outside [0, " + classNames.size() + ")");
                }
            }
        }
        if (features.isNaN().any() || features.isInfinite().any()) {
            throw new IllegalArgumentException("dataset '" + name + "': the features hold NaN or infinite values");
        }
    }

    /** A classification dataset; labels are in [0, classNames.size()). */
    public static Dataset classification(String name, INDArray features, int[] labels, List<String> classNames) {
        return new Dataset(name, features, labels.clone(), null, classNames);
    }

    /** A regression dataset with n x k real targets. */
    public static Dataset regression(String name, INDArray features, INDArray targets) {
        return new Dataset(name, features, null, targets, List.of());
    }

    public String name() {
        return name;
    }

    /** Number of examples. */
    public int size() {
        return (int) features.rows();
    }

    /** Number of features per example. */
    public int width() {
        return (int) features.columns();
    }

    /** The n x d float64 features (do not modify). */
    public INDArray features() {
        return features;
    }

    public boolean isClassification() {
        return labels != null;
    }

    /** The class labels (a copy). */
    public int[] labels() {
        requireLabels();
        return labels.clone();
    }

    /** The label of example i. */
    public int label(int i) {
        requireLabels();
        return labels[i];
    }

    /** The n x k targets of a regression dataset (do not modify). */
    public INDArray targets() {
        if (targets == null) {
            throw new IllegalStateException("dataset '" + name + "' is a classification dataset: use labels() or oneHot()");
        }
        return targets;
    }

    public List<String> classNames() {
        return classNames;
    }

    public int numClasses() {
        return classNames.size();
    }

    /** Labels as an n x numClasses one-hot float64 matrix. */
    public INDArray oneHot() {
        requireLabels();
        INDArray y = Nd4j.zeros(DataType.DOUBLE, size(), numClasses());
        for (int i = 0; i < labels.length; i++) {
            y.putScalar(i, labels[i], 1.0);
        }
        return y;
    }

    /** Examples per class. */
    public int[] classCounts() {
        requireLabels();
        int[] counts = new int[numClasses()];
        for (int y : labels) {
            counts[y]++;
        }
        return counts;
    }

    /** The rows at {@code indices}, in that order. */
    public Dataset subset(int[] indices) {
        for (int i : indices) {
            if (i < 0 || i >= size()) {
                throw new IndexOutOfBoundsException("row " + i + " of dataset '" + name + "' with " + size() + " rows");
            }
        }
        INDArray f = indices.length == 0 ? Nd4j.zeros(DataType.DOUBLE, 0, width()) : rows(features, indices);
        if (labels != null) {
            int[] l = new int[indices.length];
            for (int k = 0; k < indices.length; k++) {
                l[k] = labels[indices[k]];
            }
            return new Dataset(name, f, l, null, classNames);
        }
        return new Dataset(name, f, null, rows(targets, indices), classNames);
    }

    /**
     * Keeps the examples of the given classes and relabels them 0, 1, ... in the order given
     * (e.g. {@code selectClasses(6, 0)} makes shirt 0 and T-shirt 1).
     */
    public Dataset selectClasses(int... classes) {
        requireLabels();
        int[] map = new int[numClasses()];
        Arrays.fill(map, -1);
        List<String> names = new ArrayList<>();
        for (int k = 0; k < classes.length; k++) {
            int c = classes[k];
            if (c < 0 || c >= numClasses()) {
                throw new IllegalArgumentException("class " + c + " is not in dataset '" + name + "' (classes 0.." + (numClasses() - 1) + ")");
            }
            if (map[c] >= 0) {
                throw new IllegalArgumentException("class " + c + " is selected twice");
            }
            map[c] = k;
            names.add(classNames.get(c));
        }
        int[] rows = java.util.stream.IntStream.range(0, size()).filter(i -> map[labels[i]] >= 0).toArray();
        int[] l = Arrays.stream(rows).map(i -> map[labels[i]]).toArray();
        INDArray f = rows.length == 0 ? Nd4j.zeros(DataType.DOUBLE, 0, width()) : rows(features, rows);
        return new Dataset(name + "[" + String.join(",", names) + "]", f, l, null, names);
    }

    /** Replaces the labels (same number of examples) and class names. */
    public Dataset relabel(int[] newLabels, List<String> newClassNames) {
        return new Dataset(name, features, newLabels.clone(), null, newClassNames);
    }

    /** The same labels with new features (same number of rows), e.g. after standardisation. */
    public Dataset withFeatures(INDArray newFeatures) {
        return new Dataset(name, newFeatures, labels, targets, classNames);
    }

    /** A renamed copy. */
    public Dataset named(String newName) {
        return new Dataset(newName, features, labels, targets, classNames);
    }

    /**
     * The given rows of a 2-D array, in that order, as a new array: ND4J's native gather
     * ({@code pullRows}), six times faster than {@code getRows} on Fashion-MNIST's 60,000 x 784
     * (0.5 s against 3.3-4.7 s for 59,000 rows), the same values.
     */
    static INDArray rows(INDArray matrix, int[] indices) {
        return Nd4j.pullRows(matrix, 1, indices);
    }

    /** SHA-256 (hex) of the features, labels or targets, and class names: equal data, equal hash. */
    public String contentHash() {
        String h = hash;
        if (h == null) {
            h = computeHash();
            hash = h;
        }
        return h;
    }

    private String computeHash() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocate(8 * Math.max(1, width())).order(ByteOrder.LITTLE_ENDIAN);
            md.update(ByteBuffer.allocate(16).putLong(size()).putLong(width()).array());
            double[] all = features.dup('c').data().asDouble();
            for (int i = 0; i < all.length; i += width()) {
                b.clear();
                for (int j = 0; j < width(); j++) {
                    b.putDouble(all[i + j]);
                }
                md.update(b.array(), 0, 8 * width());
            }
            if (labels != null) {
                ByteBuffer lb = ByteBuffer.allocate(4 * labels.length).order(ByteOrder.LITTLE_ENDIAN);
                for (int y : labels) {
                    lb.putInt(y);
                }
                md.update(lb.array());
                md.update(String.join("\u0000", classNames).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            } else {
                for (double t : targets.dup('c').data().asDouble()) {
                    md.update(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putDouble(t).array());
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private void requireLabels() {
        if (labels == null) {
            throw new IllegalStateException("dataset '" + name + "' is a regression dataset: it has targets, not labels");
        }
    }

    @Override
    public String toString() {
        return name + " (" + size() + " x " + width() + (labels != null ? ", " + numClasses() + " classes" : ", regression") + ")";
    }
}
