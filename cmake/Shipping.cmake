# Shipping: the header generator / annotate tool, install rules and the
# CMake + pkg-config packages. Included at the end of the top-level
# CMakeLists.txt.
add_subdirectory(${CMAKE_SOURCE_DIR}/utils/nocsr-annotate
                 ${CMAKE_BINARY_DIR}/utils/nocsr-annotate)
include(${CMAKE_CURRENT_LIST_DIR}/Install.cmake)
