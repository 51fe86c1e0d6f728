package org.h2.mvstore;

/**
 * The part of H2's background housekeeping that rewrites half-dead chunks, callable without its background writer.
 *
 * <p>In H2's package because MVStore offers it only through that writer ({@code RandomAccessStore.doHousekeeping}),
 * which the Newsflow MongoWireServer cannot run (it commits and syncs before each reply, and a background commit racing
 * with those would let a reply leave before its chunk is written: docs/adr/0007), and through the public
 * {@link MVStore#compact(int, int)}, which rewrites every chunk it can, the full ones too: on a small file that
 * rewrote everything at every step, for ever. The methods below are the pieces H2's housekeeping uses, under the same
 * lock. Pinned to the H2 version in the build; a change of their signatures fails the compilation, not a run.
 */
public final class ChunkRewrites {

    private ChunkRewrites() {
    }

    /**
     * The live share, as a percentage, of the chunks old enough to be rewritten (MVStore's retention time) and not full;
     * 100 without a file.
     */
    public static int rewritableFillRate(MVStore store) {
        FileStore<?> file = store.getFileStore();
        return file == null ? 100 : file.getRewritableChunksFillRate();
    }

    /**
     * Copies the live pages of the chunks at most {@code maxChunkFillRate} percent live, the emptiest and oldest first,
     * up to about {@code writeLimit} bytes, into the store's current version, and drops the chunks already dead; the
     * caller's next commit writes the copies. Does nothing when another thread holds the store's lock for more than
     * 10 ms (a commit): the next call tries again.
     *
     * @return whether anything was copied
     */
    public static boolean rewrite(MVStore store, int writeLimit, int maxChunkFillRate) {
        FileStore<?> file = store.getFileStore();
        if (file == null) {
            return false;
        }
        try {
            Boolean rewritten = store.tryExecuteUnderStoreLock(() -> {
                boolean any = file.rewriteChunks(writeLimit, maxChunkFillRate);
                if (any) {
                    file.dropUnusedChunks();
                }
                return any;
            });
            return Boolean.TRUE.equals(rewritten);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
