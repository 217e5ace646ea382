/* cmd_tagger.c: placeholder from the skeleton commit; replaced by its owner. */
#include "cli.h"

int kg_cmd_tag(int argc, char **argv) { (void)argc; (void)argv; kg_cli_error("tag: not implemented yet"); return KG_EXIT_FAIL; }
int kg_cmd_train(int argc, char **argv) { (void)argc; (void)argv; kg_cli_error("train: not implemented yet"); return KG_EXIT_FAIL; }
int kg_cmd_eval(int argc, char **argv) { (void)argc; (void)argv; kg_cli_error("eval: not implemented yet"); return KG_EXIT_FAIL; }
