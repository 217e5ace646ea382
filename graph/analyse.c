/* analyse.c: placeholder from the skeleton commit; replaced by its owner. */
#include "graph.h"

int kg_graph_build(const kg_counter *c, const kg_registry *reg, const kg_graph_opts *opts, kg_graph **out, kg_error *err) { (void)c; (void)reg; (void)opts; *out = NULL; return kg_error_set(err, KG_ERR_INTERNAL, "not implemented"); }
void kg_graph_free(kg_graph *g) { (void)g; }
size_t kg_graph_n_nodes(const kg_graph *g) { (void)g; return 0; }
const kg_node *kg_graph_nodes(const kg_graph *g) { (void)g; return NULL; }
size_t kg_graph_n_edges(const kg_graph *g) { (void)g; return 0; }
const kg_edge *kg_graph_edges(const kg_graph *g) { (void)g; return NULL; }
size_t kg_graph_n_communities(const kg_graph *g) { (void)g; return 0; }
const kg_graph_opts *kg_graph_options(const kg_graph *g) { (void)g; return NULL; }
const kg_attr kg_node_attrs[] = {{"Label", KG_ATTR_STRING, 0, ""}};
const size_t kg_n_node_attrs = 1;
const kg_attr kg_edge_attrs[] = {{"Weight", KG_ATTR_DOUBLE, 0, ""}};
const size_t kg_n_edge_attrs = 1;
