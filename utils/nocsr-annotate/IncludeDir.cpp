//===- IncludeDir.cpp - A drop-in include directory of annotated headers -===//

#include "IncludeDir.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/ToolOutputFile.h"

using namespace llvm;

namespace bpf_nocsr {

static Error fileError(const Twine &Path, std::error_code EC) {
  return createStringError(EC, "%s: %s", Path.str().c_str(),
                           EC.message().c_str());
}

static Error writeFile(StringRef Path, StringRef Text) {
  std::error_code EC;
  ToolOutputFile Out(Path, EC, sys::fs::OF_None);
  if (EC)
    return fileError(Path, EC);
  Out.os() << Text;
  Out.keep();
  return Error::success();
}

Expected<std::string> writeIncludeDir(StringRef Dir, StringRef InputPath,
                                      const AnnotatedHeader &H) {
  if (H.Kind == BPFHeaderKind::Vmlinux) {
    if (std::error_code EC = sys::fs::create_directories(Dir))
      return fileError(Dir, EC);
    SmallString<256> Out(Dir);
    sys::path::append(Out, "vmlinux.h");
    if (Error E = writeFile(Out, H.Text))
      return E;
    return ("wrote " + Out + "; compile with -I" + Dir).str();
  }

  // libbpf's headers: the annotated bpf_helper_defs.h and every header that
  // sits beside the input, so that their quoted includes find each other.
  SmallString<256> From(InputPath);
  if (InputPath == "-")
    return createStringError(inconvertibleErrorCode(),
                             "--output-dir needs the path of libbpf's "
                             "bpf_helper_defs.h, not standard input (its "
                             "siblings are copied from its directory)");
  sys::fs::make_absolute(From);
  StringRef FromDir = sys::path::parent_path(From);
  SmallString<256> Helpers(FromDir);
  sys::path::append(Helpers, "bpf_helpers.h");
  if (!sys::fs::exists(Helpers))
    return createStringError(
        inconvertibleErrorCode(),
        "--output-dir: no bpf_helpers.h beside %s; pass libbpf's installed "
        "bpf_helper_defs.h (e.g. /usr/include/bpf/bpf_helper_defs.h)",
        InputPath.str().c_str());

  SmallString<256> To(Dir);
  sys::path::append(To, "bpf");
  if (std::error_code EC = sys::fs::create_directories(To))
    return fileError(To, EC);
  unsigned Copied = 0;
  std::error_code EC;
  for (sys::fs::directory_iterator It(FromDir, EC), End; It != End && !EC;
       It.increment(EC)) {
    StringRef Name = sys::path::filename(It->path());
    if (!Name.ends_with(".h") || Name == "bpf_helper_defs.h")
      continue;
    ErrorOr<sys::fs::basic_file_status> St = It->status();
    if (!St || St->type() != sys::fs::file_type::regular_file)
      continue;
    SmallString<256> Target(To);
    sys::path::append(Target, Name);
    if (std::error_code CopyEC = sys::fs::copy_file(It->path(), Target))
      return fileError(Target, CopyEC);
    ++Copied;
  }
  if (EC)
    return fileError(FromDir, EC);
  SmallString<256> Defs(To);
  sys::path::append(Defs, "bpf_helper_defs.h");
  if (Error E = writeFile(Defs, H.Text))
    return E;
  return ("wrote " + Defs + " and " + Twine(Copied) + " libbpf headers from " +
          FromDir + "; compile with -I" + Dir)
      .str();
}

} // namespace bpf_nocsr
