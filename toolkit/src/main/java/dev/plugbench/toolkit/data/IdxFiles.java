package dev.plugbench.toolkit.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;

/** Reads IDX files (the MNIST format), gzipped or not, with checks that name the file and the offset. */
public final class IdxFiles {
    private static final int UNSIGNED_BYTE = 0x08;

    private IdxFiles() {
    }

    /** An IDX file of unsigned bytes: its dimensions and values. */
    public record UnsignedBytes(int[] dims, byte[] data) {
        /** The value at flat index i, 0..255. */
        public int get(int i) {
            return data[i] & 0xff;
        }
    }

    /**
     * Reads an unsigned-byte IDX file of the given rank.
     *
     * @throws DataFormatException for a wrong magic number, rank or a truncated file
     */
    public static UnsignedBytes read(Path file, int expectedRank) throws IOException {
        String source = file.toString();
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            InputStream in = b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(raw, 1 << 16), 1 << 16) : raw;
            DataInputStream d = new DataInputStream(in);
            int magic;
            try {
                magic = d.readInt();
            } catch (EOFException e) {
                throw new DataFormatException(source, "offset 0", "a 4-byte IDX magic number", "end of file");
            }
            int type = (magic >>> 8) & 0xff;
            int rank = magic & 0xff;
            if ((magic >>> 16) != 0 || type != UNSIGNED_BYTE) {
                throw new DataFormatException(source, "offset 0", "IDX magic 0x0000080" + expectedRank + " (unsigned bytes, rank " + expectedRank + ")",
                        String.format("0x%08x", magic));
            }
            if (rank != expectedRank) {
                throw new DataFormatException(source, "offset 3", "rank " + expectedRank, "rank " + rank);
            }
            int[] dims = new int[rank];
            long total = 1;
            for (int k = 0; k < rank; k++) {
                try {
                    dims[k] = d.readInt();
                } catch (EOFException e) {
                    throw new DataFormatException(source, "offset " + (4 + 4 * k), "dimension " + k, "end of file");
                }
                if (dims[k] <= 0) {
                    throw new DataFormatException(source, "offset " + (4 + 4 * k), "a positive dimension", Integer.toString(dims[k]));
                }
                total *= dims[k];
            }
            if (total > Integer.MAX_VALUE - 8) {
                throw new DataFormatException(source, "header", "at most 2^31 values", total + " values");
            }
            byte[] data = new byte[(int) total];
            int read = d.readNBytes(data, 0, data.length);
            if (read < data.length) {
                long offset = 4 + 4L * rank + read;
                throw new DataFormatException(source, "offset " + offset, total + " data bytes after the header",
                        "end of file after " + read + " (the file is truncated)");
            }
            return new UnsignedBytes(dims, data);
        }
    }
}
