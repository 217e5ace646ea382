/* cmd_extract.c: placeholder from the skeleton commit; replaced by its owner. */
#include "cli.h"

int kg_cmd_extract(int argc, char **argv) { (void)argc; (void)argv; kg_cli_error("extract: not implemented yet"); return KG_EXIT_FAIL; }
