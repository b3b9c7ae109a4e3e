# Generates the libbpf skeleton of one BPF object for
# bpf_nocsr_add_skeleton(): `bpftool gen skeleton OBJECT name NAME` into
# HEADER, which is left alone (no rebuild of its users) when unchanged and
# removed when bpftool fails.
# Inputs: BPFTOOL, OBJECT, NAME, HEADER.
execute_process(COMMAND ${BPFTOOL} gen skeleton ${OBJECT} name ${NAME}
                OUTPUT_FILE ${HEADER}.tmp RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  file(REMOVE ${HEADER}.tmp ${HEADER})
  message(FATAL_ERROR "bpftool gen skeleton failed on ${OBJECT} (exit ${rc})")
endif()
file(COPY_FILE ${HEADER}.tmp ${HEADER} ONLY_IF_DIFFERENT)
file(REMOVE ${HEADER}.tmp)
