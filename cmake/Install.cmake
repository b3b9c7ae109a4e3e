# Install rules and discovery: the plugin, the tools, the headers, a CMake
# package (find_package(BPFNoCSR)) and a pkg-config file (bpf-nocsr.pc).
# Plugins go to per-LLVM directories (lib/bpf-nocsr/llvm-<major>/), so that
# one package can carry the plugins of several builds (see Package.cmake).
include(GNUInstallDirs)
include(CMakePackageConfigHelpers)

set(BPF_NOCSR_PLUGIN_BASE_DIR ${CMAKE_INSTALL_LIBDIR}/bpf-nocsr)
set(BPF_NOCSR_PLUGIN_INSTALL_DIR
    ${BPF_NOCSR_PLUGIN_BASE_DIR}/llvm-${LLVM_VERSION_MAJOR})
set(BPF_NOCSR_CMAKE_INSTALL_DIR ${CMAKE_INSTALL_LIBDIR}/cmake/BPFNoCSR)
# The compiler the plugin is built for, and the include directory BPF C
# needs for <asm/types.h> on multiarch systems.
set(BPF_NOCSR_CLANG ${LLVM_TOOLS_BINARY_DIR}/clang)
if(CMAKE_LIBRARY_ARCHITECTURE)
  set(BPF_NOCSR_ARCH_INCLUDE /usr/include/${CMAKE_LIBRARY_ARCHITECTURE})
else()
  set(BPF_NOCSR_ARCH_INCLUDE /usr/include/${CMAKE_SYSTEM_PROCESSOR}-linux-gnu)
endif()
# What another build's Package.cmake reads to package this build's plugin.
file(WRITE ${CMAKE_BINARY_DIR}/cmake/BPFNoCSRBuildInfo.cmake
     "set(_bpf_nocsr_build_llvm_major ${LLVM_VERSION_MAJOR})\n"
     "set(_bpf_nocsr_build_clang ${BPF_NOCSR_CLANG})\n")

# Every plugin this installation carries: this build's and those of
# BPF_NOCSR_EXTRA_PLUGIN_BUILDS (Package.cmake), each read from its build's
# BPFNoCSRBuildInfo.cmake. BPF_NOCSR_PLUGIN_MAJORS lists their LLVM majors.
set(BPF_NOCSR_PLUGIN_MAJORS "")
set(BPF_NOCSR_PC_PLUGIN_VARS "")
set(BPF_NOCSR_CMAKE_PLUGIN_VARS "")
foreach(dir ${CMAKE_BINARY_DIR} ${BPF_NOCSR_EXTRA_PLUGIN_BUILDS})
  if(NOT EXISTS ${dir}/cmake/BPFNoCSRBuildInfo.cmake)
    message(FATAL_ERROR "BPF_NOCSR_EXTRA_PLUGIN_BUILDS: ${dir} is not a "
                        "configured bpf-nocsr build directory")
  endif()
  include(${dir}/cmake/BPFNoCSRBuildInfo.cmake)
  set(major ${_bpf_nocsr_build_llvm_major})
  set(clang ${_bpf_nocsr_build_clang})
  if(major IN_LIST BPF_NOCSR_PLUGIN_MAJORS)
    message(FATAL_ERROR "BPF_NOCSR_EXTRA_PLUGIN_BUILDS: ${dir} is another "
                        "LLVM ${major} build")
  endif()
  list(APPEND BPF_NOCSR_PLUGIN_MAJORS ${major})
  set(_bpf_nocsr_clang_llvm${major} ${clang})
  string(APPEND BPF_NOCSR_PC_PLUGIN_VARS
         "plugin_llvm${major}=\${plugindir}/llvm-${major}/BPFNoCSR.so\n"
         "clang_llvm${major}=${clang}\n")
  string(APPEND BPF_NOCSR_CMAKE_PLUGIN_VARS
         "set(BPFNoCSR_PLUGIN_LLVM${major} "
         "\"\${PACKAGE_PREFIX_DIR}/${BPF_NOCSR_PLUGIN_BASE_DIR}/llvm-${major}/BPFNoCSR.so\")\n"
         "set(BPFNoCSR_CLANG_LLVM${major} \"${clang}\")\n"
         "list(APPEND BPFNoCSR_LLVM_VERSIONS ${major})\n")
endforeach()

# The plugin pkg-config's `plugin` (and Cflags) name: the one for the
# system's default `clang` (Debian 12: clang-14) when the installation
# carries it, else this build's.
set(BPF_NOCSR_DEFAULT_LLVM "" CACHE STRING
    "LLVM major of the system's default clang (empty: that of /usr/bin/clang)")
set(BPF_NOCSR_DEFAULT_LLVM_MAJOR ${BPF_NOCSR_DEFAULT_LLVM})
if(NOT BPF_NOCSR_DEFAULT_LLVM_MAJOR AND EXISTS /usr/bin/clang)
  get_filename_component(_clang_real /usr/bin/clang REALPATH)
  if(_clang_real MATCHES "/llvm-([0-9]+)/")
    set(BPF_NOCSR_DEFAULT_LLVM_MAJOR ${CMAKE_MATCH_1})
  endif()
endif()
if(NOT BPF_NOCSR_DEFAULT_LLVM_MAJOR IN_LIST BPF_NOCSR_PLUGIN_MAJORS)
  set(BPF_NOCSR_DEFAULT_LLVM_MAJOR ${LLVM_VERSION_MAJOR})
endif()
set(BPF_NOCSR_DEFAULT_CLANG
    ${_bpf_nocsr_clang_llvm${BPF_NOCSR_DEFAULT_LLVM_MAJOR}})

if(TARGET BPFNoCSR)
  # Its own component: Package.cmake takes only this from other builds.
  install(TARGETS BPFNoCSR LIBRARY DESTINATION ${BPF_NOCSR_PLUGIN_INSTALL_DIR}
          COMPONENT plugin)
endif()
if(BPF_NOCSR_PLUGIN_ONLY)
  return()
endif()
set(BPF_NOCSR_TOOLS nocsr-check nocsr-annotate nocsr-run)
foreach(tool IN LISTS BPF_NOCSR_TOOLS)
  if(TARGET ${tool})
    install(TARGETS ${tool} RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
  endif()
endforeach()
# The public headers: bpf_nocsr.h for BPF programs (it includes nothing of
# ours) and bpf_nocsr/Version.h for the release. The rest of include/ is the
# contract as the plugin and the tools compile it in: not installed.
install(FILES ${CMAKE_SOURCE_DIR}/include/bpf_nocsr.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR})
install(FILES ${BPF_NOCSR_GENERATED_INCLUDE_DIR}/bpf_nocsr/Version.h
        DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/bpf_nocsr)

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
              ${CMAKE_CURRENT_LIST_DIR}/BPFNoCSRGenSkeleton.cmake
        DESTINATION ${BPF_NOCSR_CMAKE_INSTALL_DIR})

# pkg-config: absolute paths under the prefix the tree is installed to
# (cmake --install --prefix, or /usr in the Debian package), substituted at
# install time, so that pkg-config prints clean paths. For a tree moved
# after installing, `pkg-config --define-prefix` derives the prefix from
# where the .pc file is.
list(JOIN BPF_NOCSR_PLUGIN_MAJORS " " BPF_NOCSR_PC_LLVM_VERSIONS)
set(BPF_NOCSR_PC_PREFIX "%BPF_NOCSR_INSTALL_PREFIX%")
configure_file(${CMAKE_CURRENT_LIST_DIR}/bpf-nocsr.pc.in
               ${CMAKE_BINARY_DIR}/cmake/bpf-nocsr.pc.unprefixed @ONLY)
install(CODE "
  file(READ \"${CMAKE_BINARY_DIR}/cmake/bpf-nocsr.pc.unprefixed\" _pc)
  string(REPLACE \"%BPF_NOCSR_INSTALL_PREFIX%\" \"\${CMAKE_INSTALL_PREFIX}\"
         _pc \"\${_pc}\")
  file(WRITE \"${CMAKE_BINARY_DIR}/cmake/install/bpf-nocsr.pc\" \"\${_pc}\")
")
install(FILES ${CMAKE_BINARY_DIR}/cmake/install/bpf-nocsr.pc
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/pkgconfig)
