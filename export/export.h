/* export.h: writers for the graph files.
 *
 * Every writer walks the attribute schema of graph.h, so GraphML, GEXF, DOT
 * and CSV carry the same attributes under the same names.  Writers write to a
 * caller-supplied stream; kg_outdir stages files under temporary names in the
 * output folder and renames them all into place only when every one is
 * complete, so a failed run never leaves a truncated file where a good one
 * was.  Export knows nothing of tokens or tagging.
 */
#ifndef KG_EXPORT_H
#define KG_EXPORT_H

#include <stdio.h>

#include "graph.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ----------------------------------------------------------- writers */
/* Each writes one complete file to f (not closed). A write error on f is
 * reported as KG_ERR_IO. */
int kg_write_graphml(const kg_graph *g, FILE *f, kg_error *err);
int kg_write_gexf(const kg_graph *g, FILE *f, kg_error *err); /* GEXF 1.3 */

/* GEXF 1.3 is Gephi's current format; 1.2draft has the same content under
 * the older namespaces, for readers that only know those (networkx before
 * 3.6, e.g. Debian 12's 2.8.8). */
typedef enum kg_gexf_version { KG_GEXF_1_3 = 0, KG_GEXF_1_2DRAFT } kg_gexf_version;
int kg_write_gexf_version(const kg_graph *g, FILE *f, kg_gexf_version v, kg_error *err);
int kg_write_dot(const kg_graph *g, FILE *f, kg_error *err);
int kg_write_nodes_csv(const kg_graph *g, FILE *f, kg_error *err);
int kg_write_edges_csv(const kg_graph *g, FILE *f, kg_error *err);

/* mentions.csv is streamed while documents are processed:
 * header Document,Sentence,Start,End,Text,Entity,Type. */
typedef struct kg_mention_writer kg_mention_writer;
/* Start a mentions table on f (borrowed; must outlive the writer). */
int kg_mention_writer_new(FILE *f, kg_mention_writer **out, kg_error *err);
int kg_mention_writer_add(kg_mention_writer *w, const char *doc_id, uint32_t sentence,
                          uint32_t start, uint32_t end, kg_str text,
                          const char *entity_id, const char *type, kg_error *err);
void kg_mention_writer_free(kg_mention_writer *w);

/* ------------------------------------------------ atomic output folder */

typedef struct kg_outdir kg_outdir;
/* Create path if missing (one level, like mkdir) and check it is a writable
 * folder. */
int kg_outdir_open(const char *path, kg_outdir **out, kg_error *err);
/* A new temporary file in the folder that will become `name` on commit. The
 * stream is owned by od. Returns NULL and fills err on failure. */
FILE *kg_outdir_create(kg_outdir *od, const char *name, kg_error *err);
/* Flush and close every staged file, checking for write errors (a full
 * disk); if all are fine rename each into place. Frees od in every case; on
 * failure the temporary files are removed and the folder is unchanged. */
int kg_outdir_commit(kg_outdir *od, kg_error *err);
/* Remove the temporary files and free od. NULL-safe. */
void kg_outdir_abort(kg_outdir *od);

typedef struct kg_export_opts {
  kg_gexf_version gexf; /* default KG_GEXF_1_3 */
  unsigned threads;     /* 1 or 2 (0: 2): writers side by side; the files are the same */
} kg_export_opts;

/* Stage graph.graphml, graph.gexf, graph.dot, nodes.csv and edges.csv: the
 * two XML files on a second thread while this one writes the others.  On
 * failure, the error of the first file in that order that failed.  opts
 * may be NULL (defaults). */
int kg_export_graph(const kg_graph *g, kg_outdir *od, const kg_export_opts *opts,
                    kg_error *err);

#ifdef __cplusplus
}
#endif
#endif /* KG_EXPORT_H */
