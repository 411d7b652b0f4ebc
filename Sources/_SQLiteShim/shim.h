// The few SQLite calls the run history needs that Swift cannot make itself: sqlite3_db_config is
// variadic, and SQLITE_TRANSIENT is a cast macro. SQLite is Debian's (libsqlite3-dev), the one
// GRDB links.
#include <sqlite3.h>

/// SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE: whether closing the last connection leaves the WAL as it is
/// (on: no checkpoint, no fsync, the -wal and -shm files stay) or checkpoints it into the
/// database file and removes it (off, SQLite's default). SQLITE_OK or an error code.
static inline int allocate_sqlite3_no_checkpoint_on_close(sqlite3 *db, int on) {
    return sqlite3_db_config(db, SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, on, (int *)0);
}

/// sqlite3_bind_text with SQLITE_TRANSIENT (SQLite copies the bytes before it returns).
static inline int allocate_sqlite3_bind_text_copy(sqlite3_stmt *statement, int index, const char *text, int bytes) {
    return sqlite3_bind_text(statement, index, text, bytes, SQLITE_TRANSIENT);
}

/// sqlite3_bind_blob with SQLITE_TRANSIENT; an empty blob (no bytes) when `bytes` is 0.
static inline int allocate_sqlite3_bind_blob_copy(sqlite3_stmt *statement, int index, const void *data, int bytes) {
    if (bytes == 0) return sqlite3_bind_zeroblob(statement, index, 0);
    return sqlite3_bind_blob(statement, index, data, bytes, SQLITE_TRANSIENT);
}

static int allocate_sqlite3_wal_frames_hook(void *frames, sqlite3 *db, const char *name, int count) {
    (void)db; (void)name;
    *(int *)frames = count;
    return SQLITE_OK;
}

/// After each commit of this connection, `*frames` is the number of frames in the WAL. This
/// replaces SQLite's automatic checkpoint (which is a WAL hook too): the connection checkpoints
/// when it chooses. `frames` must outlive the connection.
static inline void allocate_sqlite3_count_wal_frames(sqlite3 *db, int *frames) {
    sqlite3_wal_hook(db, allocate_sqlite3_wal_frames_hook, frames);
}
