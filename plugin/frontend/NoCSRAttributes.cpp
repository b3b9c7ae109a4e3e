//===- NoCSRAttributes.cpp - The nocsr attribute spellings ----------------===//
//
// Registers `nocsr`, `csr_eligible` and (before clang 20) `bpf_fastcall` as
// GNU, [[clang::]] (C23) and C++11 spellings. They behave as upstream's
// `bpf_fastcall`: BPF targets only, C only, no arguments, subjects are
// functions and declarations of pointer-to-function type.
//
// Clang 19 has no semantic attribute for them, so the handler attaches the
// implicit x86 `no_caller_saved_registers` attribute: its CodeGen places the
// IR attribute on exactly the declarations and calls upstream marks with
// "bpf_fastcall", and FastcallAttrLoweringPass renames it. Clang >= 20 gets the
// native BPFFastCallAttr instead.
//
//===----------------------------------------------------------------------===//

#include "../Compat.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Attr.h"
#include "clang/AST/DeclBase.h"
#include "clang/Basic/TargetInfo.h"
#include "clang/Sema/ParsedAttr.h"
#include "clang/Sema/Sema.h"
#include "clang/Sema/SemaDiagnostic.h"

using namespace clang;

namespace {

using Spelling = ParsedAttrInfo::Spelling;

/// One attribute name: behaves as upstream's generated BPFFastCall info.
class FastcallAttrInfo : public ParsedAttrInfo {
protected:
  explicit FastcallAttrInfo(ArrayRef<Spelling> S) {
    Spellings = S;
    IsTargetSpecific = 1;
  }

  /// `[[nocsr]]` without the `clang::` scope is registered only so that
  /// clang 19's __has_c_attribute and argument parsing, which look plugin
  /// spellings up without the scope, see the scoped form. Reject it as
  /// clang does unknown attributes.
  static bool diagUnscopedStandardSpelling(Sema &S, const ParsedAttr &Attr) {
    if (BPF_NOCSR_IS_GNU_ATTRIBUTE(Attr) || Attr.getScopeName())
      return false;
    S.Diag(Attr.getLoc(), diag::warn_unknown_attribute_ignored)
        << Attr << Attr.getRange();
    return true;
  }

public:
  bool diagAppertainsToDecl(Sema &S, const ParsedAttr &Attr,
                            const Decl *D) const override {
    if (diagUnscopedStandardSpelling(S, Attr))
      return false;
    // Functions, and values or typedefs of pointer-to-function type.
    if (D->getFunctionType(/*BlocksToo=*/false))
      return true;
    S.Diag(Attr.getLoc(), diag::warn_attribute_wrong_decl_type_str)
        << Attr
#if BPF_NOCSR_HAS_KEYWORD_ATTRIBUTES
        << Attr.isRegularKeywordAttribute()
#endif
        << "functions and function pointers";
    return false;
  }

  bool diagAppertainsToStmt(Sema &S, const ParsedAttr &Attr,
                            const Stmt *St) const override {
    if (diagUnscopedStandardSpelling(S, Attr))
      return false;
    S.Diag(Attr.getLoc(), diag::err_decl_attribute_invalid_on_stmt)
        << Attr
#if BPF_NOCSR_HAS_KEYWORD_ATTRIBUTES
        << Attr.isRegularKeywordAttribute()
#endif
        << St->getBeginLoc();
    return false;
  }

  bool acceptsLangOpts(const LangOptions &LO) const override {
    return !LO.CPlusPlus;
  }

  bool existsInTarget(const TargetInfo &Target) const override {
    return BPF_NOCSR_IS_BPF_TRIPLE(Target.getTriple());
  }

  AttrHandling handleDeclAttribute(Sema &S, Decl *D,
                                   const ParsedAttr &Attr) const override {
#if BPF_NOCSR_NATIVE_FASTCALL
    D->addAttr(BPFFastCallAttr::Create(S.Context, Attr.getRange()));
#else
    D->addAttr(AnyX86NoCallerSavedRegistersAttr::CreateImplicit(
        S.Context, Attr.getRange()));
#endif
    return AttributeApplied;
  }
};

constexpr Spelling NoCSRSpellings[] = {
    {ParsedAttr::AS_GNU, "nocsr"},
    {ParsedAttr::BPF_NOCSR_AS_C23, "clang::nocsr"},
    {ParsedAttr::AS_CXX11, "clang::nocsr"},
    {ParsedAttr::BPF_NOCSR_AS_C23, "nocsr"},
    {ParsedAttr::AS_CXX11, "nocsr"},
};
struct NoCSRAttrInfo : FastcallAttrInfo {
  NoCSRAttrInfo() : FastcallAttrInfo(NoCSRSpellings) {}
};

constexpr Spelling CSREligibleSpellings[] = {
    {ParsedAttr::AS_GNU, "csr_eligible"},
    {ParsedAttr::BPF_NOCSR_AS_C23, "clang::csr_eligible"},
    {ParsedAttr::AS_CXX11, "clang::csr_eligible"},
    {ParsedAttr::BPF_NOCSR_AS_C23, "csr_eligible"},
    {ParsedAttr::AS_CXX11, "csr_eligible"},
};
struct CSREligibleAttrInfo : FastcallAttrInfo {
  CSREligibleAttrInfo() : FastcallAttrInfo(CSREligibleSpellings) {}
};

} // namespace

static ParsedAttrInfoRegistry::Add<NoCSRAttrInfo>
    X1("nocsr", "BPF call that keeps r0-r5 (alias of bpf_fastcall)");
static ParsedAttrInfoRegistry::Add<CSREligibleAttrInfo>
    X2("csr_eligible", "BPF call that keeps r0-r5 (alias of bpf_fastcall)");

#if !BPF_NOCSR_NATIVE_FASTCALL
namespace {
constexpr Spelling BPFFastcallSpellings[] = {
    {ParsedAttr::AS_GNU, "bpf_fastcall"},
    {ParsedAttr::BPF_NOCSR_AS_C23, "clang::bpf_fastcall"},
    {ParsedAttr::AS_CXX11, "clang::bpf_fastcall"},
    {ParsedAttr::BPF_NOCSR_AS_C23, "bpf_fastcall"},
    {ParsedAttr::AS_CXX11, "bpf_fastcall"},
};
struct BPFFastcallAttrInfo : FastcallAttrInfo {
  BPFFastcallAttrInfo() : FastcallAttrInfo(BPFFastcallSpellings) {}
};
} // namespace

static ParsedAttrInfoRegistry::Add<BPFFastcallAttrInfo>
    X3("bpf_fastcall", "BPF call that keeps r0-r5 (upstream spelling)");
#endif
