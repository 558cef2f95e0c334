package dev.plugbench.toolkit.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Fashion-MNIST (28x28 grey images, 10 classes) from its IDX files. Nothing is downloaded: the
 * files come from the Debian package {@code dataset-fashion-mnist} (installed in
 * {@value #DEBIAN_DIR}) or from a directory the user gives.
 */
public final class FashionMnist {
    /** Where the Debian package puts the files. */
    public static final String DEBIAN_DIR = "/usr/share/datasets/fashion-mnist";
    /** The class names, in label order. */
    public static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    /** How to get the data, for error and skip messages. */
    public static final String HOW_TO_INSTALL = "install it with 'apt-get install dataset-fashion-mnist' (files in "
            + DEBIAN_DIR + "), or give the directory holding train-images-idx3-ubyte[.gz] and the other three files";

    private FashionMnist() {
    }

    /** The directory of the Debian package, if the files are there. */
    public static Optional<Path> installedDir() {
        Path dir = Path.of(DEBIAN_DIR);
        return find(dir, "train-images-idx3-ubyte").isPresent() ? Optional.of(dir) : Optional.empty();
    }

    /** The 60000 training images, pixels 0..255 as float64. */
    public static Dataset train(Path dir) {
        return load(dir, "train", "fashion-mnist-train");
    }

    /** The 10000 test images, pixels 0..255 as float64. */
    public static Dataset test(Path dir) {
        return load(dir, "t10k", "fashion-mnist-test");
    }

    private static Dataset load(Path dir, String prefix, String name) {
        Path images = find(dir, prefix + "-images-idx3-ubyte").orElseThrow(() -> missing(dir, prefix + "-images-idx3-ubyte"));
        Path labelFile = find(dir, prefix + "-labels-idx1-ubyte").orElseThrow(() -> missing(dir, prefix + "-labels-idx1-ubyte"));
        try {
            IdxFiles.UnsignedBytes img = IdxFiles.read(images, 3);
            IdxFiles.UnsignedBytes lab = IdxFiles.read(labelFile, 1);
            int n = img.dims()[0];
            int d = img.dims()[1] * img.dims()[2];
            if (lab.dims()[0] != n) {
                throw new DataFormatException(labelFile.toString(), "header", n + " labels (one per image in " + images.getFileName() + ")",
                        lab.dims()[0] + " labels");
            }
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                labels[i] = lab.get(i);
                if (labels[i] > 9) {
                    throw new DataFormatException(labelFile.toString(), "offset " + (8 + i), "a label in 0..9", Integer.toString(labels[i]));
                }
            }
            float[] px = new float[n * d];
            for (int i = 0; i < px.length; i++) {
                px[i] = img.get(i);
            }
            return Dataset.classification(name, Nd4j.create(px, new long[] {n, d}, DataType.FLOAT), labels, CLASSES);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read Fashion-MNIST from " + dir + ": " + e.getMessage(), e);
        }
    }

    private static Optional<Path> find(Path dir, String base) {
        for (String candidate : List.of(base + ".gz", base)) {
            Path p = dir.resolve(candidate);
            if (Files.isRegularFile(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    private static IllegalStateException missing(Path dir, String file) {
        return new IllegalStateException("Fashion-MNIST file " + file + "[.gz] is not in " + dir + ": " + HOW_TO_INSTALL);
    }
}
