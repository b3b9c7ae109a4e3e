# The Debian package: `cpack -G DEB` (or `cmake --build <dir> --target
# package`) in a build directory writes bpf-nocsr_<version>_<arch>.deb with
# this build's plugin, tools, headers, CMake and pkg-config files and man
# pages, plus the plugin of every build listed in
# BPF_NOCSR_EXTRA_PLUGIN_BUILDS (build directories of the other LLVM,
# configured first and built), each in lib/bpf-nocsr/llvm-<major>/.
# Depends come from dpkg-shlibdeps over the tools only (the libLLVM of this
# build, libbpf): a plugin needs the libLLVM and libclang-cpp of its own
# clang, which that clang brings, so the clangs are Recommends (any one) and
# Suggests, and installing the package drags in no other LLVM.
set(BPF_NOCSR_EXTRA_PLUGIN_BUILDS "" CACHE STRING
    "Build directories (other LLVM versions) whose plugin the package adds")
set(BPF_NOCSR_PACKAGE_CONTACT
    "bpf-nocsr maintainers <maintainers@users.noreply.r-seed-124d1d88.example>"
    CACHE STRING "Maintainer field of the Debian package")

set(BPF_NOCSR_DOC_DIR ${CMAKE_INSTALL_DATAROOTDIR}/doc/bpf-nocsr)

# CHANGELOG.md starts with this release: "## <version> - <YYYY-MM-DD>".
file(STRINGS ${CMAKE_SOURCE_DIR}/CHANGELOG.md _bpf_nocsr_release
     REGEX "^## " LIMIT_COUNT 1)
if(NOT _bpf_nocsr_release MATCHES "^## ([0-9.]+) - ([0-9-]+)$")
  message(FATAL_ERROR "CHANGELOG.md: the first release heading must read "
                      "'## <version> - <YYYY-MM-DD>', not '${_bpf_nocsr_release}'")
endif()
if(NOT CMAKE_MATCH_1 STREQUAL PROJECT_VERSION)
  message(FATAL_ERROR "CHANGELOG.md starts with ${CMAKE_MATCH_1}, the project "
                      "version is ${PROJECT_VERSION}: add its entry")
endif()
execute_process(COMMAND date -u -R -d "${CMAKE_MATCH_2} 12:00"
                OUTPUT_VARIABLE BPF_NOCSR_RELEASE_DATE
                OUTPUT_STRIP_TRAILING_WHITESPACE)

# A native package's changelog.gz is read as a Debian changelog; it points
# to CHANGELOG.md, installed next to it.
configure_file(${CMAKE_CURRENT_LIST_DIR}/debian-changelog.in
               ${CMAKE_BINARY_DIR}/doc/changelog @ONLY)
set(_bpf_nocsr_docs ${CMAKE_BINARY_DIR}/doc/changelog.gz
                    ${CMAKE_BINARY_DIR}/doc/CHANGELOG.md.gz)
add_custom_command(
  OUTPUT ${_bpf_nocsr_docs}
  COMMAND gzip -9nc ${CMAKE_BINARY_DIR}/doc/changelog
          > ${CMAKE_BINARY_DIR}/doc/changelog.gz
  COMMAND gzip -9nc ${CMAKE_SOURCE_DIR}/CHANGELOG.md
          > ${CMAKE_BINARY_DIR}/doc/CHANGELOG.md.gz
  DEPENDS ${CMAKE_BINARY_DIR}/doc/changelog ${CMAKE_SOURCE_DIR}/CHANGELOG.md
  COMMENT "Compressing the changelogs for the package")
add_custom_target(bpf-nocsr-docs ALL DEPENDS ${_bpf_nocsr_docs})
install(FILES ${CMAKE_CURRENT_LIST_DIR}/debian-copyright
        DESTINATION ${BPF_NOCSR_DOC_DIR} RENAME copyright)
install(FILES ${_bpf_nocsr_docs} DESTINATION ${BPF_NOCSR_DOC_DIR})

set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME bpf-nocsr)
set(CPACK_PACKAGE_VERSION ${PROJECT_VERSION})
set(CPACK_PACKAGE_CONTACT "${BPF_NOCSR_PACKAGE_CONTACT}")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY
    "clang plugin and tools for the BPF nocsr (bpf_fastcall) contract")
set(CPACK_PACKAGE_DESCRIPTION
    "BPFNoCSR.so is a clang plugin that lets BPF programs keep values in\n"
    "r0-r5 across helper and kfunc calls the kernel inlines (bpf_fastcall),\n"
    "bracketing each such call so that kernels >= 6.12 delete the bracket.\n"
    "nocsr-check predicts offline what the verifier does with the brackets,\n"
    "nocsr-run loads objects and reports what the kernel removed, and\n"
    "nocsr-annotate marks the fastcall helpers in existing BPF headers.")
string(REPLACE ";" "" CPACK_PACKAGE_DESCRIPTION "${CPACK_PACKAGE_DESCRIPTION}")
set(CPACK_PACKAGING_INSTALL_PREFIX /usr)
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION devel)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS OFF)
# dpkg-shlibdeps over the tools, run by cpack (BPFNoCSRCPackProject.cmake).
set(BPF_NOCSR_SHLIBDEPS_BINARIES "")
foreach(tool IN LISTS BPF_NOCSR_TOOLS)
  if(TARGET ${tool})
    list(APPEND BPF_NOCSR_SHLIBDEPS_BINARIES
         ${CMAKE_RUNTIME_OUTPUT_DIRECTORY}/${tool})
  endif()
endforeach()
configure_file(${CMAKE_CURRENT_LIST_DIR}/BPFNoCSRCPackProject.cmake.in
               ${CMAKE_BINARY_DIR}/cmake/BPFNoCSRCPackProject.cmake @ONLY)
set(CPACK_PROJECT_CONFIG_FILE
    ${CMAKE_BINARY_DIR}/cmake/BPFNoCSRCPackProject.cmake)
# The compilers the plugins are for: the default clang's first.
set(_bpf_nocsr_clang_majors ${BPF_NOCSR_PLUGIN_MAJORS})
list(REMOVE_ITEM _bpf_nocsr_clang_majors ${BPF_NOCSR_DEFAULT_LLVM_MAJOR})
list(PREPEND _bpf_nocsr_clang_majors ${BPF_NOCSR_DEFAULT_LLVM_MAJOR})
list(TRANSFORM _bpf_nocsr_clang_majors PREPEND clang-
     OUTPUT_VARIABLE _bpf_nocsr_clangs)
list(JOIN _bpf_nocsr_clangs " | " CPACK_DEBIAN_PACKAGE_RECOMMENDS)
list(JOIN _bpf_nocsr_clangs ", " CPACK_DEBIAN_PACKAGE_SUGGESTS)
# This build entirely, and only the plugin component of the others.
set(CPACK_INSTALL_CMAKE_PROJECTS "${CMAKE_BINARY_DIR};BPFNoCSR;ALL;/")
foreach(dir IN LISTS BPF_NOCSR_EXTRA_PLUGIN_BUILDS)
  list(APPEND CPACK_INSTALL_CMAKE_PROJECTS "${dir};BPFNoCSR;plugin;/")
endforeach()
include(CPack)

# Its test (test/install): builds the package, checks and unpacks it, and
# builds the consumers against the unpacked tree.
list(JOIN BPF_NOCSR_PLUGIN_MAJORS " " _bpf_nocsr_majors)
find_program(BPF_NOCSR_DPKG_DEB dpkg-deb)
if(BPF_NOCSR_DPKG_DEB)
  add_test(NAME package-deb
           COMMAND ${CMAKE_SOURCE_DIR}/test/install/run-package-test.sh
                   ${CMAKE_BINARY_DIR} ${CMAKE_BINARY_DIR}/test/install/package
                   ${LLVM_TOOLS_BINARY_DIR} ${PROJECT_VERSION}
                   "${_bpf_nocsr_majors}")
  set_tests_properties(package-deb PROPERTIES TIMEOUT 600 RUN_SERIAL ON)
endif()
