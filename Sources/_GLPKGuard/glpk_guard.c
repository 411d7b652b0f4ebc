// See include/glpk_guard.h for why this file exists. The pattern of every guarded function:
//
//     jmp_buf jump;
//     size_t mark = log_length;           // set before setjmp, never changed: safe after longjmp
//     if (setjmp(jump)) return recover(mark);
//     begin(&jump);                       // term hook, output on (into the log), error hook
//     ... GLPK calls ...
//     end();                              // error hook off, output off
//
// GLPK's error routine prints the message (through our term hook, into the log), then calls
// the error hook, which longjmp()s back into the guarded function that is still on the stack.
// Only C frames lie in between. recover() frees the thread's GLPK environment, as GLPK's
// documentation requires after an error, and starts a new generation so that handles of the
// freed environment are refused from then on.
#include "glpk_guard.h"

#include <glpk.h>
#include <math.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>

struct glpk_guard_problem {
    glp_prob *prob;
    pthread_t thread;          // GLPK's environment is thread-local
    unsigned long generation;  // the thread's environment generation at creation
    int fresh;                 // loaded anew: no basis worth starting from yet
};

// ---- per-thread state ----------------------------------------------------------------------

// Generations are unique in the whole process (not just per thread), so a handle can only
// match the environment it was created in, even if a thread id is reused later.
static atomic_ulong next_generation = 1;
static _Thread_local unsigned long generation;  // 0: not assigned yet

static unsigned long current_generation(void) {
    if (generation == 0) generation = atomic_fetch_add(&next_generation, 1);
    return generation;
}

// Live problems of the current generation on this thread: the environment is only freed by
// glpk_guard_release_thread when none is left (a session may outlive other solves).
static _Thread_local long live_problems;

static void new_generation(void) {
    generation = atomic_fetch_add(&next_generation, 1);
    live_problems = 0;
}

enum { LOG_LIMIT = 4 << 20, ERROR_SIZE = 2048 };
static _Thread_local char *log_data;
static _Thread_local size_t log_length, log_capacity;
static _Thread_local int log_truncated;
static _Thread_local char last_error[ERROR_SIZE];

static void set_error(const char *message) {
    strncpy(last_error, message, ERROR_SIZE - 1);
    last_error[ERROR_SIZE - 1] = '\0';
}

static void log_append(const char *s) {
    size_t n = strlen(s);
    if (log_truncated) return;
    if (log_length + n + 1 > LOG_LIMIT) {
        log_truncated = 1;
        s = "[log truncated]\n";
        n = strlen(s);
    }
    if (log_length + n + 1 > log_capacity) {
        size_t capacity = log_capacity ? log_capacity : 4096;
        while (capacity < log_length + n + 1) capacity *= 2;
        char *grown = realloc(log_data, capacity);
        if (grown == NULL) return;  // lose the line rather than the process
        log_data = grown;
        log_capacity = capacity;
    }
    memcpy(log_data + log_length, s, n + 1);
    log_length += n;
}

// glp_term_hook: collect the line; returning nonzero tells GLPK not to print it.
// During a cancellable simplex (glpk_guard_simplex with a `stop` check) the hook also asks
// whether to stop: glp_simplex has no callback, but prints its progress every `out_frq` ms.
// To stop, it jumps back into glpk_guard_simplex, which frees the thread's environment as
// after an error (the only way out of a running glp_simplex) and returns GLPK_GUARD_CANCELLED.
static _Thread_local int (*simplex_stop)(void *);
static _Thread_local void *simplex_stop_info;
static _Thread_local jmp_buf *simplex_jump;
static _Thread_local int simplex_cancelled;

static int collect(void *info, const char *s) {
    (void)info;
    log_append(s);
    if (simplex_stop != NULL && simplex_jump != NULL && simplex_stop(simplex_stop_info)) {
        simplex_cancelled = 1;
        jmp_buf *jump = simplex_jump;
        simplex_stop = NULL;
        simplex_jump = NULL;
        longjmp(*jump, 1);
    }
    return 1;
}

// glp_error_hook: jump back into the guarded function that installed `info`.
static void on_error(void *info) { longjmp(*(jmp_buf *)info, 1); }

static void begin(jmp_buf *jump) {
    glp_term_hook(collect, NULL);  // first: any output from now on goes into the log
    glp_term_out(GLP_ON);          // safe, the hook swallows it; the log is worth keeping
    glp_error_hook(on_error, jump);
}

static void end(void) {
    glp_error_hook(NULL, NULL);  // the jmp_buf dies with the caller's frame
    glp_term_out(GLP_OFF);       // outside a guarded call GLPK stays silent
}

static int recover(size_t mark) {
    set_error(log_data && log_length > mark ? log_data + mark : "GLPK reported an error");
    glp_free_env();   // frees every problem of this thread, and the hooks
    new_generation(); // so their handles are refused from now on
    return GLPK_GUARD_ERROR;
}

// Whether `p` may be passed to GLPK on this thread; no GLPK call is made to find out.
static int validity(const glpk_guard_problem *p) {
    if (p == NULL) return GLPK_GUARD_NO_MEMORY;
    if (!pthread_equal(p->thread, pthread_self())) return GLPK_GUARD_WRONG_THREAD;
    if (p->generation != current_generation()) return GLPK_GUARD_STALE_HANDLE;
    return 0;
}

int glpk_guard_validity(const glpk_guard_problem *p) { return validity(p); }

// validity() with the reason recorded for glpk_guard_last_error().
static int check(const glpk_guard_problem *p) {
    int rc = validity(p);
    switch (rc) {
    case GLPK_GUARD_NO_MEMORY: set_error("no GLPK problem (allocation failed)"); break;
    case GLPK_GUARD_WRONG_THREAD:
        set_error("GLPK problem used on another thread than the one that created it");
        break;
    case GLPK_GUARD_STALE_HANDLE:
        set_error("GLPK problem belongs to an environment freed after an error or a release");
        break;
    }
    return rc;
}

// ---- problems ------------------------------------------------------------------------------

glpk_guard_problem *glpk_guard_create(void) {
    glpk_guard_problem *p = malloc(sizeof *p);
    if (p == NULL) {
        set_error("out of memory");
        return NULL;
    }
    p->prob = NULL;
    p->fresh = 1;
    p->thread = pthread_self();
    p->generation = current_generation();
    jmp_buf jump;
    size_t mark = log_length;
    if (setjmp(jump)) {
        recover(mark);
        free(p);
        return NULL;
    }
    begin(&jump);
    p->prob = glp_create_prob();
    end();
    live_problems++;
    return p;
}

void glpk_guard_delete(glpk_guard_problem *p) {
    if (p == NULL) return;
    // Quietly: deleting a stale handle is the normal end after an error, and must not
    // overwrite that error's message.
    if (validity(p) == 0 && p->prob != NULL) {
        jmp_buf jump;
        size_t mark = log_length;
        if (setjmp(jump)) {
            recover(mark);
        } else {
            begin(&jump);
            glp_delete_prob(p->prob);
            end();
            live_problems--;
        }
    }
    free(p);
}

// GLPK's bound type from the two bounds; -/+infinity mean "none". GLPK ignores the value of
// a missing bound, so pass 0 rather than an infinity.
static void set_bounds(glp_prob *P, int is_col, int i, double lower, double upper) {
    int has_lower = !(isinf(lower) && lower < 0), has_upper = !(isinf(upper) && upper > 0);
    int type = has_lower ? (has_upper ? (lower == upper ? GLP_FX : GLP_DB) : GLP_LO)
                         : (has_upper ? GLP_UP : GLP_FR);
    double lb = has_lower ? lower : 0.0, ub = has_upper ? upper : 0.0;
    if (is_col) glp_set_col_bnds(P, i, type, lb, ub);
    else glp_set_row_bnds(P, i, type, lb, ub);
}

// 1-based copies of the matrix triplets for glp_load_matrix; NULL if out of memory.
static int copy_matrix(const glpk_guard_model *m, int **ia, int **ja, double **ar) {
    int n = m->nonzeros > 0 ? m->nonzeros : 0;
    *ia = malloc(((size_t)n + 1) * sizeof(int));
    *ja = malloc(((size_t)n + 1) * sizeof(int));
    *ar = malloc(((size_t)n + 1) * sizeof(double));
    if (*ia == NULL || *ja == NULL || *ar == NULL) {
        free(*ia), free(*ja), free(*ar);
        set_error("out of memory");
        return GLPK_GUARD_NO_MEMORY;
    }
    for (int k = 0; k < n; k++) {
        (*ia)[k + 1] = m->matrix_row[k] + 1;
        (*ja)[k + 1] = m->matrix_col[k] + 1;
        (*ar)[k + 1] = m->matrix_value[k];
    }
    return n;
}

// Names, bounds, kinds and objective of every row and column (the part load and update share).
static void set_data(glp_prob *P, const glpk_guard_model *m) {
    const char *name = m->row_names;
    for (int i = 1; i <= m->rows; i++) {
        if (name) {
            glp_set_row_name(P, i, name);
            name += strlen(name) + 1;
        }
        set_bounds(P, 0, i, m->row_lower[i - 1], m->row_upper[i - 1]);
    }
    name = m->col_names;
    for (int j = 1; j <= m->cols; j++) {
        if (name) {
            glp_set_col_name(P, j, name);
            name += strlen(name) + 1;
        }
        set_bounds(P, 1, j, m->col_lower[j - 1], m->col_upper[j - 1]);
        glp_set_col_kind(P, j, m->col_integer && m->col_integer[j - 1] ? GLP_IV : GLP_CV);
        glp_set_obj_coef(P, j, m->objective ? m->objective[j - 1] : 0.0);
    }
    glp_set_obj_dir(P, m->maximize ? GLP_MAX : GLP_MIN);
    if (m->objective_name) glp_set_obj_name(P, m->objective_name);
    glp_set_obj_coef(P, 0, m->objective_constant);
}

int glpk_guard_update(glpk_guard_problem *p, const glpk_guard_model *m, int replace_matrix) {
    int rc = check(p);
    if (rc < 0) return rc;
    int *ia = NULL, *ja = NULL;
    double *ar = NULL;
    int n = 0;
    if (replace_matrix) {
        n = copy_matrix(m, &ia, &ja, &ar);
        if (n < 0) return n;
    }
    int *volatile rows_to_delete = NULL;
    jmp_buf jump;
    size_t mark = log_length;
    if (setjmp(jump)) {
        free(ia), free(ja), free(ar), free(rows_to_delete);
        return recover(mark);
    }
    begin(&jump);
    glp_prob *P = p->prob;
    int have = glp_get_num_rows(P);
    if (m->rows > have) {
        glp_add_rows(P, m->rows - have);  // new rows start basic: the basis stays valid
    } else if (m->rows < have) {
        int k = have - m->rows;
        rows_to_delete = malloc(((size_t)k + 1) * sizeof(int));
        if (rows_to_delete != NULL) {
            for (int i = 1; i <= k; i++) rows_to_delete[i] = m->rows + i;
            glp_del_rows(P, k, rows_to_delete);
        }
    }
    if (glp_get_num_rows(P) != m->rows || glp_get_num_cols(P) != m->cols) {
        end();
        free(ia), free(ja), free(ar), free(rows_to_delete);
        set_error("update does not match the loaded problem's shape (or out of memory)");
        return GLPK_GUARD_NO_MEMORY;
    }
    set_data(P, m);
    if (replace_matrix) glp_load_matrix(P, n, ia, ja, ar);
    end();
    free(ia), free(ja), free(ar), free(rows_to_delete);
    return 0;
}

int glpk_guard_load(glpk_guard_problem *p, const glpk_guard_model *m) {
    int rc = check(p);
    if (rc < 0) return rc;
    // Allocated before setjmp so they can be freed after a longjmp (their values do not
    // change after setjmp).
    int *ia, *ja;
    double *ar;
    int n = copy_matrix(m, &ia, &ja, &ar);
    if (n < 0) return n;
    jmp_buf jump;
    size_t mark = log_length;
    if (setjmp(jump)) {
        free(ia), free(ja), free(ar);
        return recover(mark);
    }
    begin(&jump);
    glp_prob *P = p->prob;
    glp_erase_prob(P);
    if (m->name) glp_set_prob_name(P, m->name);
    // GLPK rejects adding zero rows or columns, so only add when there are some. A negative
    // count is passed on on purpose: GLPK reports it and the guard catches it.
    if (m->rows != 0) glp_add_rows(P, m->rows);
    if (m->cols != 0) glp_add_cols(P, m->cols);
    set_data(P, m);
    if (n > 0) glp_load_matrix(P, n, ia, ja, ar);
    end();
    free(ia), free(ja), free(ar);
    p->fresh = 1;
    return 0;
}

int glpk_guard_set_col_bounds(glpk_guard_problem *p, int col, double lower, double upper) {
    int rc = check(p);
    if (rc < 0) return rc;
    jmp_buf jump;
    size_t mark = log_length;
    if (setjmp(jump)) return recover(mark);
    begin(&jump);
    set_bounds(p->prob, 1, col, lower, upper);
    end();
    return 0;
}

// ---- solving -------------------------------------------------------------------------------

// After a stop asked for by the caller: like recover(), without blaming GLPK.
static int cancelled(void) {
    set_error("the solve was cancelled");
    glp_free_env();   // frees every problem of this thread, and the hooks
    new_generation(); // so their handles are refused from now on
    return GLPK_GUARD_CANCELLED;
}

int glpk_guard_simplex(glpk_guard_problem *p, int time_limit_ms, int (*stop)(void *), void *stop_info,
                       int quiet, glpk_guard_result *result, double *values) {
    int rc = check(p);
    if (rc < 0) return rc;
    if (stop != NULL && stop(stop_info)) return GLPK_GUARD_CANCELLED;  // nothing to free yet
    jmp_buf jump;
    size_t mark = log_length;
    if (setjmp(jump)) {
        simplex_stop = NULL;
        simplex_jump = NULL;
        if (simplex_cancelled) {
            simplex_cancelled = 0;
            return cancelled();
        }
        return recover(mark);
    }
    begin(&jump);
    glp_prob *P = p->prob;
    glp_smcp parm;
    glp_init_smcp(&parm);
    // Goes to the log, not the terminal; quiet: errors only (formatting the progress lines of
    // thousands of small solves cost a tenth of a state-wide run), but a stop check needs them.
    parm.msg_lev = quiet && stop == NULL ? GLP_MSG_ERR : GLP_MSG_ALL;
    parm.presolve = GLP_OFF;    // keeps a basis for glp_intopt and a status for infeasible LPs
    parm.tm_lim = time_limit_ms;
    if (stop != NULL) {
        // Progress lines (and so stop checks in `collect`) at least every 100 ms; the pivots
        // do not depend on it, so the answer is the same as without a stop check.
        parm.out_frq = 100;
        simplex_stop = stop;
        simplex_stop_info = stop_info;
        simplex_jump = &jump;
        simplex_cancelled = 0;
    }
    // A freshly loaded problem is scaled and starts from an advanced basis (as glpsol does)
    // rather than the all-slack one; an updated problem keeps its basis (warm start).
    if (p->fresh && glp_get_num_rows(P) > 0) {
        // Quiet: the scaling's and the basis's report lines (figures, no errors) are not
        // formatted (issue 18: a line per pass cost 1-2 % of a 40,005-school solve, ~6,000
        // fresh loads); an error still jumps back here, with GLPK's generic message.
        if (quiet && stop == NULL) glp_term_out(GLP_OFF);
        glp_scale_prob(P, GLP_SF_AUTO);  // as glpsol does; scaling is kept with the problem
        glp_adv_basis(P, 0);
        glp_term_out(GLP_ON);
    }
    p->fresh = 0;
    rc = glp_simplex(P, &parm);
    if (rc == GLP_EBADB || rc == GLP_ESING || rc == GLP_ECOND) {
        // After an update the old basis may no longer fit: start from an advanced basis.
        glp_adv_basis(P, 0);
        rc = glp_simplex(P, &parm);
    }
    simplex_stop = NULL;
    simplex_jump = NULL;
    memset(result, 0, sizeof *result);
    result->status = glp_get_status(P);
    result->objective = glp_get_obj_val(P);
    if (values) {
        int cols = glp_get_num_cols(P);
        for (int j = 1; j <= cols; j++) values[j - 1] = glp_get_col_prim(P, j);
    }
    end();
    return rc;
}

typedef struct {
    const double *incumbent;  // 1-based copy for glp_ios_heur_sol, or NULL
    int offered, accepted;
    int maximize;
    int bound_known;
    double bound;
    int (*stop)(void *);  // the caller's cancellation check, or NULL
    void *stop_info;
    int stopped;          // the check said stop: glp_ios_terminate was called
    int node_limit;       // > 0: stop once more nodes than this were made
    int node_stopped;     // the node limit was reached: glp_ios_terminate was called
} mip_state;

// Called by glp_intopt at every event. The best local bound among the active nodes is a proven
// bound at that moment (the optimum lies in an active subtree or is no better than the
// incumbent), and it only gets tighter, so the tightest value seen is what the search proved
// when it stops on the gap or the time limit; GLPK does not return it otherwise.
static void mip_callback(glp_tree *tree, void *info) {
    mip_state *s = info;
    int node = glp_ios_best_node(tree);
    if (node != 0) {
        double b = glp_ios_node_bound(tree, node);
        if (!s->bound_known || (s->maximize ? b < s->bound : b > s->bound)) {
            s->bound = b;
            s->bound_known = 1;
        }
    }
    if (glp_ios_reason(tree) == GLP_IHEUR && s->incumbent != NULL && !s->offered) {
        s->offered = 1;  // once: GLPK keeps it if it is better than what it has
        s->accepted = glp_ios_heur_sol(tree, s->incumbent) == 0;
    }
    if (s->stop != NULL && !s->stopped && s->stop(s->stop_info)) {
        s->stopped = 1;
        glp_ios_terminate(tree);  // glp_intopt returns GLP_ESTOP at its next check
    }
    if (s->node_limit > 0 && !s->node_stopped && !s->stopped) {
        int total = 0;
        glp_ios_tree_size(tree, NULL, NULL, &total);  // every node made so far, removed ones too
        if (total > s->node_limit) {
            s->node_stopped = 1;
            glp_ios_terminate(tree);
        }
    }
}

int glpk_guard_intopt(glpk_guard_problem *p, double relative_gap, int time_limit_ms, int node_limit,
                      const double *incumbent, int (*stop)(void *), void *stop_info,
                      int quiet, glpk_guard_result *result, double *values) {
    int rc = check(p);
    if (rc < 0) return rc;
    if (stop != NULL && stop(stop_info)) return GLPK_GUARD_CANCELLED;
    // The column count needs a GLPK call, so the 1-based copy is allocated inside the guard;
    // `volatile` keeps the pointer valid for free() after a longjmp.
    double *volatile incumbent1 = NULL;
    jmp_buf jump;
    size_t mark = log_length;
    if (setjmp(jump)) {
        free(incumbent1);
        return recover(mark);
    }
    begin(&jump);
    glp_prob *P = p->prob;
    int cols = glp_get_num_cols(P);
    mip_state state = {0};
    state.maximize = glp_get_obj_dir(P) == GLP_MAX;
    state.stop = stop;
    state.stop_info = stop_info;
    state.node_limit = node_limit > 0 ? node_limit : 0;
    if (incumbent != NULL) {
        incumbent1 = malloc(((size_t)cols + 1) * sizeof(double));
        if (incumbent1 != NULL) {
            incumbent1[0] = 0;
            memcpy(incumbent1 + 1, incumbent, (size_t)cols * sizeof(double));
        }
        state.incumbent = incumbent1;  // if malloc failed, the search just starts without it
    }
    glp_iocp parm;
    glp_init_iocp(&parm);
    parm.msg_lev = quiet ? GLP_MSG_ERR : GLP_MSG_ALL; // goes to the log (quiet: errors only)
    parm.presolve = GLP_OFF;    // uses the basis of glpk_guard_simplex; keeps statuses exact
    parm.mip_gap = relative_gap;
    // GLPK's default (1e-5) would accept 1519.999995 devices as 1520 and round it so; with
    // grants of 1,000 € or more that is a cent over budget. Money needs a tighter test.
    parm.tol_int = 1e-9;
    parm.tm_lim = time_limit_ms;
    parm.cb_func = mip_callback;
    parm.cb_info = &state;
    rc = glp_intopt(P, &parm);
    memset(result, 0, sizeof *result);
    result->status = glp_mip_status(P);
    result->objective = glp_mip_obj_val(P);
    result->bound_known = state.bound_known;
    result->bound = state.bound;
    result->incumbent_accepted = state.accepted;
    result->cancelled = state.stopped;
    result->node_limit_reached = state.node_stopped && !state.stopped;
    if (values) {
        for (int j = 1; j <= cols; j++) values[j - 1] = glp_mip_col_val(P, j);
    }
    end();
    free(incumbent1);
    return rc;
}

// ---- sensitivity ---------------------------------------------------------------------------

// GLPK's sensitivity routines need a valid factorization of an optimal basis.
static int require_factorization(glp_prob *P) {
    if (glp_get_status(P) != GLP_OPT) return 0;
    if (!glp_bf_exists(P) && glp_factorize(P) != 0) return 0;
    return 1;
}

int glpk_guard_basis(glpk_guard_problem *p, int *row_status, double *row_dual, int *col_status, double *col_dual) {
    int rc = check(p);
    if (rc < 0) return rc;
    jmp_buf jump;
    size_t mark = log_length;
    if (setjmp(jump)) return recover(mark);
    begin(&jump);
    glp_prob *P = p->prob;
    int rows = glp_get_num_rows(P), cols = glp_get_num_cols(P);
    for (int i = 1; i <= rows; i++) {
        row_status[i - 1] = glp_get_row_stat(P, i);
        row_dual[i - 1] = glp_get_row_dual(P, i);
    }
    for (int j = 1; j <= cols; j++) {
        col_status[j - 1] = glp_get_col_stat(P, j);
        col_dual[j - 1] = glp_get_col_dual(P, j);
    }
    end();
    return 0;
}

int glpk_guard_analyze_bound(glpk_guard_problem *p, int k, double *lower, double *upper) {
    int rc = check(p);
    if (rc < 0) return rc;
    jmp_buf jump;
    size_t mark = log_length;
    if (setjmp(jump)) return recover(mark);
    begin(&jump);
    int var1, var2;
    rc = require_factorization(p->prob) ? 0 : 1;
    if (rc == 0) glp_analyze_bound(p->prob, k, lower, &var1, upper, &var2);
    end();
    if (rc) set_error("no optimal basis to analyse");
    return rc ? GLPK_GUARD_NO_MEMORY : 0;
}

// One column (of non-basic k) or one row (of basic k) of the simplex table, 1-based as GLPK
// writes them.
static int eval_tab(glpk_guard_problem *p, int k, int *ind, double *val, int row) {
    int rc = check(p);
    if (rc < 0) return rc;
    jmp_buf jump;
    size_t mark = log_length;
    if (setjmp(jump)) return recover(mark);
    begin(&jump);
    int len = -1;
    if (require_factorization(p->prob)) {
        len = row ? glp_eval_tab_row(p->prob, k, ind, val) : glp_eval_tab_col(p->prob, k, ind, val);
    }
    end();
    if (len < 0) {
        set_error("no optimal basis to analyse");
        return GLPK_GUARD_NO_MEMORY;
    }
    return len;
}

int glpk_guard_eval_tab_col(glpk_guard_problem *p, int k, int *ind, double *val) { return eval_tab(p, k, ind, val, 0); }

int glpk_guard_eval_tab_row(glpk_guard_problem *p, int k, int *ind, double *val) { return eval_tab(p, k, ind, val, 1); }

// ---- writing -------------------------------------------------------------------------------

int glpk_guard_write(glpk_guard_problem *p, int format, const char *path) {
    int rc = check(p);
    if (rc < 0) return rc;
    jmp_buf jump;
    size_t mark = log_length;
    if (setjmp(jump)) return recover(mark);
    begin(&jump);  // writing prints "Writing problem data to ..." even with msg levels off
    rc = format == 1 ? glp_write_mps(p->prob, GLP_MPS_FILE, NULL, path)
                     : glp_write_lp(p->prob, NULL, path);
    end();
    return rc;
}

// ---- thread state --------------------------------------------------------------------------

const char *glpk_guard_version(void) { return glp_version(); }

const char *glpk_guard_last_error(void) { return last_error; }

const char *glpk_guard_log(void) { return log_data ? log_data : ""; }

void glpk_guard_log_clear(void) {
    log_length = 0;
    log_truncated = 0;
    if (log_data) log_data[0] = '\0';
}

void glpk_guard_release_thread(void) {
    if (live_problems > 0) return;  // a session on this thread still holds a problem
    glp_free_env();  // returns 1 (and does nothing) if there is no environment
    new_generation();
    free(log_data);
    log_data = NULL;
    log_length = log_capacity = 0;
    log_truncated = 0;
}
