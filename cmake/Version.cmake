# The project version (project(BPFNoCSR VERSION ...) in the top-level
# CMakeLists.txt) for the code: bpf_nocsr/Version.h (installed; the plugin
# uses it too) and bpf_nocsr/ToolVersion.h (the tools' --version printer).
# Both are generated into the build tree's include directory.
set(BPF_NOCSR_VERSION ${PROJECT_VERSION})
set(BPF_NOCSR_GENERATED_INCLUDE_DIR ${CMAKE_BINARY_DIR}/include)
configure_file(${CMAKE_SOURCE_DIR}/include/bpf_nocsr/Version.h.in
               ${BPF_NOCSR_GENERATED_INCLUDE_DIR}/bpf_nocsr/Version.h @ONLY)
configure_file(${CMAKE_CURRENT_LIST_DIR}/ToolVersion.h.in
               ${BPF_NOCSR_GENERATED_INCLUDE_DIR}/bpf_nocsr/ToolVersion.h
               @ONLY)
include_directories(${BPF_NOCSR_GENERATED_INCLUDE_DIR})
