package io.earshot.listening.internal;

/**
 * How many different authors a bucket heard from, as a HyperLogLog sketch of 256 one-byte registers (Flajolet et
 * al. 2007, with linear counting for small sets): exact-looking for a handful of authors, within about 6.5% for
 * thousands, and two sketches merge by taking each register's maximum, so rolled-up buckets and buckets written by
 * several instances need no list of authors. The database merges them the same way ({@code author_sketch_union}).
 */
public final class AuthorSketch {

    public static final int REGISTERS = 256;
    private static final int BITS = 8;

    private final byte[] registers;

    public AuthorSketch() {
        this(new byte[REGISTERS]);
    }

    private AuthorSketch(byte[] registers) {
        this.registers = registers;
    }

    public static AuthorSketch of(byte[] bytes) {
        if (bytes == null || bytes.length != REGISTERS) {
            return new AuthorSketch();
        }
        return new AuthorSketch(bytes.clone());
    }

    public void add(long authorId) {
        long h = mix(authorId);
        int index = (int) (h >>> (64 - BITS));
        int rank = Math.min(64 - BITS, Long.numberOfLeadingZeros(h << BITS)) + 1;
        if (rank > registers[index]) {
            registers[index] = (byte) rank;
        }
    }

    public void merge(AuthorSketch other) {
        for (int i = 0; i < REGISTERS; i++) {
            if (other.registers[i] > registers[i]) {
                registers[i] = other.registers[i];
            }
        }
    }

    public long estimate() {
        double sum = 0;
        int zeros = 0;
        for (byte r : registers) {
            sum += Math.pow(2, -r);
            if (r == 0) {
                zeros++;
            }
        }
        double m = REGISTERS;
        double raw = 0.7213 / (1 + 1.079 / m) * m * m / sum;
        if (raw <= 2.5 * m && zeros > 0) {
            return Math.round(m * Math.log(m / zeros));
        }
        return Math.round(raw);
    }

    public byte[] bytes() {
        return registers.clone();
    }

    /** SplitMix64's finaliser: author ids are sequential, their hashes must not be. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
