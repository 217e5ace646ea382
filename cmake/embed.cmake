# kg_embed(TARGET SYMBOL FILE): link FILE's bytes into TARGET, readable from C as
#   extern const unsigned char kg_embed_<SYMBOL>[], kg_embed_<SYMBOL>_end[];
# The data is NUL-terminated (one byte after _end) so text files can be parsed in place.
# .incbin keeps multi-megabyte files (the tagger model) out of the C compiler.
function(kg_embed target symbol file)
  get_filename_component(abs "${file}" ABSOLUTE)
  set(out "${CMAKE_CURRENT_BINARY_DIR}/embed_${symbol}.S")
  file(WRITE "${out}.in"
"\t.section .rodata
\t.global kg_embed_${symbol}
\t.global kg_embed_${symbol}_end
\t.balign 64
kg_embed_${symbol}:
\t.incbin \"${abs}\"
kg_embed_${symbol}_end:
\t.byte 0
\t.section .note.GNU-stack,\"\",@progbits
")
  configure_file("${out}.in" "${out}" COPYONLY)
  set_source_files_properties("${out}" PROPERTIES OBJECT_DEPENDS "${abs}")
  target_sources(${target} PRIVATE "${out}")
endfunction()
