// glpk_guard: every GLPK call that Swift makes goes through one of these functions.
//
// Why (docs/ARCHITECTURE.md, "GLPK: the rules learned the hard way"):
//  1. GLPK aborts the process on invalid input. Swift validates first; as a second line each
//     function here installs glp_error_hook, setjmp()s, calls GLPK, and if GLPK reports an
//     error the hook longjmp()s back into that same C function (never across Swift frames),
//     which frees the thread's GLPK environment and returns GLPK_GUARD_ERROR. The message is
//     then available from glpk_guard_last_error().
//  2. GLPK state is per thread. A handle remembers the thread and the "generation" of that
//     thread's GLPK environment; a handle from another thread or from an environment freed
//     since is refused without calling GLPK.
//  5. Terminal output is collected by a glp_term_hook into a per-thread log; nothing is printed.
#ifndef GLPK_GUARD_H
#define GLPK_GUARD_H

#ifdef __cplusplus
extern "C" {
#endif

/// Negative results of every guarded call. Zero or more means the call ran; for the solvers
/// and writers it is GLPK's own return code (which is not a verdict: read the status).
enum {
    /// GLPK reported an error; the thread's GLPK environment (and all its problems) was freed.
    GLPK_GUARD_ERROR = -1,
    /// The handle belongs to a GLPK environment freed since (after an error or a release).
    GLPK_GUARD_STALE_HANDLE = -2,
    /// The handle was created on another thread; GLPK state is per thread.
    GLPK_GUARD_WRONG_THREAD = -3,
    /// Out of memory in the guard itself, or a NULL handle.
    GLPK_GUARD_NO_MEMORY = -4,
    /// The caller's `stop` check asked to stop a simplex (or said so before a solve began).
    /// If the simplex was running, the thread's GLPK environment was freed, as after an error.
    GLPK_GUARD_CANCELLED = -5,
};

/// A GLPK problem plus the thread and environment generation it was created in.
typedef struct glpk_guard_problem glpk_guard_problem;

/// A whole model, loaded in one call. Indices here are 0-based; the guard converts them to
/// GLPK's 1-based ones. Missing bounds are -HUGE_VAL / +HUGE_VAL (Swift's -/+infinity).
typedef struct {
    const char *name;               // problem name, or NULL
    int rows;
    int cols;
    const char *row_names;          // `rows` NUL-terminated names back to back, or NULL
    const double *row_lower;        // [rows]
    const double *row_upper;        // [rows]
    const char *col_names;          // `cols` NUL-terminated names back to back, or NULL
    const double *col_lower;        // [cols]
    const double *col_upper;        // [cols]
    const unsigned char *col_integer; // [cols], nonzero for an integer column; or NULL
    int maximize;                   // nonzero: maximize, else minimize
    const char *objective_name;     // or NULL
    const double *objective;        // [cols] coefficients, or NULL for all zero
    double objective_constant;
    int nonzeros;
    const int *matrix_row;          // [nonzeros] 0-based row index
    const int *matrix_col;          // [nonzeros] 0-based column index
    const double *matrix_value;     // [nonzeros]
} glpk_guard_model;

/// What glp_simplex or glp_intopt left behind.
typedef struct {
    int status;          // glp_get_status / glp_mip_status (GLP_OPT, GLP_FEAS, GLP_NOFEAS, ...)
    double objective;    // glp_get_obj_val / glp_mip_obj_val, constant included
    int bound_known;     // intopt: nonzero if `bound` holds a proven bound from the search
    double bound;        // intopt: best bound seen on the active nodes (see glpk_guard_intopt)
    int incumbent_accepted; // intopt: nonzero if GLPK took the caller's incumbent
    int cancelled;       // intopt: nonzero if the `stop` check ended the search (GLP_ESTOP)
    int node_limit_reached; // intopt: nonzero if the node limit ended the search (GLP_ESTOP)
} glpk_guard_result;

/// A new empty problem on the calling thread; NULL on failure (see glpk_guard_last_error).
glpk_guard_problem *glpk_guard_create(void);
/// Deletes the GLPK problem if it is still alive on this thread, and frees the handle.
/// A stale handle is only freed (its problem went with the environment). Never call from
/// another thread: the handle is then freed but its problem is left to its own thread.
void glpk_guard_delete(glpk_guard_problem *problem);

/// 0 if the handle may be used on this thread, else GLPK_GUARD_STALE_HANDLE or
/// GLPK_GUARD_WRONG_THREAD (no GLPK call is made).
int glpk_guard_validity(const glpk_guard_problem *problem);

/// Loads rows, columns, bounds, kinds, objective and matrix (glp_load_matrix) in one call.
int glpk_guard_load(glpk_guard_problem *problem, const glpk_guard_model *model);

/// Replaces the data of a loaded problem with `model`, keeping GLPK's basis so that the next
/// simplex starts warm: rows are added or deleted at the end to match `model->rows`, then
/// names, bounds, kinds, objective and (if `replace_matrix`) the matrix are set anew. The
/// columns must be the same in number (the caller checks that they mean the same).
int glpk_guard_update(glpk_guard_problem *problem, const glpk_guard_model *model, int replace_matrix);

/// Sets the bounds of one column (1-based GLPK index), choosing GLP_FR/LO/UP/DB/FX from the
/// infinities. Kept small and public so tests can provoke a real GLPK error (index out of range).
int glpk_guard_set_col_bounds(glpk_guard_problem *problem, int col, double lower, double upper);

/// Primal simplex without presolver, from the problem's current basis (warm start); if that
/// basis is invalid or singular after an update, from an advanced initial basis. Returns glp_simplex's code; fills `result` and, if
/// `values` is not NULL, values[0..cols-1] with the column primals.
/// `stop` (or NULL) is asked at least every 100 ms while the simplex runs (it must not call
/// GLPK); when it returns nonzero the simplex is abandoned, the thread's GLPK environment is
/// freed (every handle of the thread becomes stale) and GLPK_GUARD_CANCELLED is returned.
/// `quiet` nonzero: GLPK prints only errors (no progress lines to format into the log), unless
/// a `stop` check is given (its checks ride on the progress lines). The pivots are the same.
int glpk_guard_simplex(glpk_guard_problem *problem, int time_limit_ms, int (*stop)(void *), void *stop_info,
                       int quiet, glpk_guard_result *result, double *values);

/// Branch and bound (glp_intopt without presolver: call glpk_guard_simplex first).
/// `incumbent` (or NULL): cols values offered once to GLPK as a heuristic solution; the caller
/// must have checked it is feasible and integral, because GLPK only checks integrality.
/// The callback tracks the best local bound of the active nodes, so that a stop on the gap or
/// the time limit still reports what is proven. Returns glp_intopt's code (0, GLP_EMIPGAP,
/// GLP_ETMLIM, ...); fills `result` and, if not NULL, values[0..cols-1] (glp_mip_col_val).
/// `stop` (or NULL) is asked at every callback event (it must not call GLPK); when it returns
/// nonzero the search ends through glp_ios_terminate (GLP_ESTOP) and `result->cancelled` is set.
/// `node_limit` > 0: once the search has made more than that many nodes (glp_ios_tree_size's
/// total), it ends through glp_ios_terminate (GLP_ESTOP) and `result->node_limit_reached` is
/// set: a work limit, so where it stops does not depend on the machine's speed; 0: none.
/// `quiet` nonzero: GLPK prints only errors (the search is the same).
int glpk_guard_intopt(glpk_guard_problem *problem, double relative_gap, int time_limit_ms, int node_limit,
                      const double *incumbent, int (*stop)(void *), void *stop_info,
                      int quiet, glpk_guard_result *result, double *values);

/// Sensitivity of an optimal basic solution (after glpk_guard_simplex), in GLPK's numbering:
/// k = 1..rows for rows (auxiliary variables), rows+1..rows+cols for columns.
/// Fills row_status/row_dual [rows] and col_status/col_dual [cols] (GLP_BS, GLP_NL, ...).
int glpk_guard_basis(glpk_guard_problem *problem, int *row_status, double *row_dual, int *col_status, double *col_dual);

/// glp_analyze_bound for non-basic variable k: the range [*lower, *upper] of its active bound
/// over which the basis stays primal feasible.
int glpk_guard_analyze_bound(glpk_guard_problem *problem, int k, double *lower, double *upper);

/// glp_eval_tab_col for non-basic variable k: how each basic variable changes per unit change
/// of k. ind/val need room for 1 + rows entries; GLPK writes [1...count] (index 0 unused) in
/// its numbering. Returns the count.
int glpk_guard_eval_tab_col(glpk_guard_problem *problem, int k, int *ind, double *val);

/// glp_eval_tab_row for basic variable k: the row of the simplex table (its non-basic
/// variables). ind/val need room for 1 + cols entries, written at [1...count]. Returns the count.
int glpk_guard_eval_tab_row(glpk_guard_problem *problem, int k, int *ind, double *val);

/// Writes the problem: format 0 = CPLEX LP (glp_write_lp), 1 = free MPS (glp_write_mps).
/// Returns GLPK's code: 0 written, nonzero failed (the reason is in the log).
int glpk_guard_write(glpk_guard_problem *problem, int format, const char *path);

/// glp_version(), e.g. "5.0".
const char *glpk_guard_version(void);

/// The message of the last GLPK_GUARD_* failure on this thread ("" if none).
const char *glpk_guard_last_error(void);
/// Everything GLPK printed on this thread since the last glpk_guard_log_clear().
const char *glpk_guard_log(void);
void glpk_guard_log_clear(void);

/// Frees this thread's GLPK environment and the guard's log buffer, unless a problem created
/// on this thread is still alive (then nothing happens). Every handle of the thread becomes
/// stale. Call after deleting a thread's problems (GLPK does not free its per-thread
/// environment when a thread ends).
void glpk_guard_release_thread(void);

#ifdef __cplusplus
}
#endif

#endif
