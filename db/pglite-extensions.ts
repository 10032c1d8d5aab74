import { btree_gin } from "@electric-sql/pglite/contrib/btree_gin";

/**
 * The extensions the migrations create (0011: btree_gin, for the search index). PGlite ships them
 * as separate modules: every opening of an embedded database must pass them.
 */
export const PGLITE_EXTENSIONS = { btree_gin };
