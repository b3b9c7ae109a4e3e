# Shipping: the header generator / annotate tool, install rules, man pages,
# the CMake + pkg-config packages and the Debian package. Included at the end
# of the top-level CMakeLists.txt.
if(BPF_NOCSR_PLUGIN_ONLY)
  # Only the plugin's install rule; a full build packages it
  # (BPF_NOCSR_EXTRA_PLUGIN_BUILDS).
  include(${CMAKE_CURRENT_LIST_DIR}/Install.cmake)
  return()
endif()
add_subdirectory(${CMAKE_SOURCE_DIR}/utils/nocsr-annotate
                 ${CMAKE_BINARY_DIR}/utils/nocsr-annotate)
include(${CMAKE_CURRENT_LIST_DIR}/Install.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/ManPages.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/Package.cmake)
