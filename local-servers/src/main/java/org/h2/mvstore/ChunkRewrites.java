package org.h2.mvstore;

/**
 * The parts of H2's background housekeeping that give a file's dead space back, callable without its background
 * writer.
 *
 * <p>In H2's package because MVStore offers them only through that writer ({@code RandomAccessStore.doHousekeeping}),
 * which the Newsflow MongoWireServer cannot run (it commits and syncs before each reply, and a background commit racing
 * with those would let a reply leave before its chunk is written: docs/adr/0007), and through the public
 * {@link MVStore#compact(int, int)}, which rewrites every chunk it can, the nearly full ones too: on a small file that
 * rewrote everything at every step, for ever; no public method shortens the file while it is in use. The methods below
 * call the pieces H2's housekeeping uses, under the same lock. Pinned to the H2 version of the build: a change of
 * their signatures fails the compilation, not a run.
 */
public final class ChunkRewrites {

    // The percentage of the file's blocks in use by chunks below which H2 moves chunks (its auto-compact fill rate).
    public static final int MOVE_BELOW_FILE_FILL_RATE = 90;

    private ChunkRewrites() {
    }

    /**
     * The dead bytes in the chunks {@link #rewrite} would copy from: old enough to be rewritten (MVStore's retention
     * time and {@code FileStore.isRewritable}) and at most {@code maxChunkFillRate} percent live.
     */
    public static long deadBytes(MVStore store, int maxChunkFillRate) {
        FileStore<?> file = store.getFileStore();
        if (file == null) {
            return 0;
        }
        // FileStore.getTimeSinceCreation, which is private.
        long now = Math.max(0, store.getTimeAbsolute() - file.getCreationTime());
        int retention = file.getRetentionTime();
        long dead = 0;
        for (Chunk<?> chunk : file.getChunks().values()) {
            if (chunk.isRewritable() && (retention < 0 || chunk.time + retention <= now)
                    && chunk.version < store.getCurrentVersion() - 1 && chunk.getFillRate() <= maxChunkFillRate) {
                dead += chunk.maxLen - chunk.maxLenLive;
            }
        }
        return dead;
    }

    /**
     * Copies the live pages of the chunks at most {@code maxChunkFillRate} percent live and old enough to be rewritten,
     * the emptiest and oldest first, up to about {@code writeLimit} bytes, into the store's current version, and drops
     * the chunks already dead; the caller's next commit writes the copies. Does nothing when another thread holds the
     * store's lock for more than 10 ms (a commit): the next call tries again.
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

    /**
     * Moves chunks from the end of the file into the free space before them, up to about {@code moveBytes}, and
     * shortens the file by what that frees, as H2's housekeeping does when the file is fragmented: the store header is
     * rewritten and synced before a chunk moves, and each move is written and synced before the space it left is
     * used, so that a crash midway still finds the newest chunk. Does nothing when another thread holds the store's
     * lock for more than 10 ms.
     */
    public static void moveChunksTowardsTheStart(MVStore store, long moveBytes) {
        if (!(store.getFileStore() instanceof RandomAccessStore file)) {
            return;
        }
        try {
            store.tryExecuteUnderStoreLock(() -> {
                file.compactMoveChunks(101, moveBytes, store);
                return null;
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
