# Install rules and discovery: the plugin, the tools, the headers, a CMake
# package (find_package(BPFNoCSR)) and a pkg-config file (bpf-nocsr.pc).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(BPF_NOCSR_VERSION 0.1.0)
set(BPF_NOCSR_PLUGIN_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/bpf-nocsr)
set(BPF_NOCSR_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/BPFNoCSR)
# The compiler the plugin is built for, and the include directory BPF C
# needs for <asm/types.h> on multiarch systems.
set(BPF_NOCSR_CLANG ${LLVM_TOOLS_BINARY_DIR}/clang)
if(CMAKE_LIBRARY_ARCHITECTURE)
  set(BPF_NOCSR_ARCH_INCLUDE /usr/include/${CMAKE_LIBRARY_ARCHITECTURE})
else()
  set(BPF_NOCSR_ARCH_INCLUDE /usr/include/${CMAKE_SYSTEM_PROCESSOR}-linux-gnu)
endif()

if(TARGET BPFNoCSR)
  install(TARGETS BPFNoCSR LIBRARY DESTINATION ${BPF_NOCSR_PLUGIN_INSTALL_DIR})
endif()
foreach(tool nocsr-check nocsr-annotate nocsr-run)
  if(TARGET ${tool})
    install(TARGETS ${tool} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  endif()
endforeach()
install(FILES ${CMAKE_SOURCE_DIR}/include/bpf_nocsr.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(DIRECTORY ${CMAKE_SOURCE_DIR}/include/bpf_nocsr
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}
        FILES_MATCHING PATTERN "*.h" PATTERN "*.def")

configure_package_config_file(
  ${CMAKE_CURRENT_LIST_DIR}/BPFNoCSRConfig.cmake.in
  ${CMAKE_BINARY_DIR}/cmake/BPFNoCSRConfig.cmake
  INSTALL_DESTINATION ${BPF_NOCSR_CMAKE_INSTALL_DIR}
  PATH_VARS CMAKE_INSTALL_INCLUDEDIR CMAKE_INSTALL_BINDIR
            BPF_NOCSR_PLUGIN_INSTALL_DIR)
write_basic_package_version_file(
  ${CMAKE_BINARY_DIR}/cmake/BPFNoCSRConfigVersion.cmake
  VERSION ${BPF_NOCSR_VERSION} COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_BINARY_DIR}/cmake/BPFNoCSRConfig.cmake
              ${CMAKE_BINARY_DIR}/cmake/BPFNoCSRConfigVersion.cmake
              ${CMAKE_CURRENT_LIST_DIR}/BPFNoCSRFunctions.cmake
              ${CMAKE_CURRENT_LIST_DIR}/BPFNoCSRRunCheck.cmake
        DESTINATION ${BPF_NOCSR_CMAKE_INSTALL_DIR})

# pkg-config paths are relative to the .pc file, so the prefix can move.
file(RELATIVE_PATH BPF_NOCSR_PC_TO_PREFIX
     /${CMAKE_INSTALL_LIBDIR}/pkgconfig /)
string(REGEX REPLACE "/$" "" BPF_NOCSR_PC_TO_PREFIX "${BPF_NOCSR_PC_TO_PREFIX}")
configure_file(${CMAKE_CURRENT_LIST_DIR}/bpf-nocsr.pc.in
               ${CMAKE_BINARY_DIR}/cmake/bpf-nocsr.pc @ONLY)
install(FILES ${CMAKE_BINARY_DIR}/cmake/bpf-nocsr.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
