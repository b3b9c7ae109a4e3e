//===- RelaxationSearch.cpp - Choose relaxations by trial compiles --------===//
//
// How many values the allocator keeps in r0-r5 across a relaxed call only
// shows after register allocation, so the choice is measured. A trial
// compile parses the module's bitcode into a private context (its
// diagnostics go nowhere), keeps the bodies of the searched functions only,
// gives each a kept-register mask per eligible call and runs the target's
// whole code generator with the plugin's passes, which report per function
// the instruction slots and bracket pairs that choice produced.
//
// The search starts from the pass's own sizing, tries "keep nothing" and
// "keep every register the contract allows" for whole functions, then sweeps
// the calls one at a time over nothing / every register / the sizing / the
// sizing plus one more register. All functions are varied in the same trial:
// they do not affect each other's code. Cost per function:
//
//   100 * (new-kernel insns) + W * (old-kernel insns),  W = weight in percent
//
// and a choice that runs more instructions than no relaxation on kernels
// that remove brackets is never taken.
//
//===----------------------------------------------------------------------===//

#include "RelaxationSearch.h"

#include "../Compat.h"
#include "../HelperCalls.h"
#include "../PluginOptions.h"
#include "RelaxationTrials.h"

#include "bpf_nocsr/KernelProfile.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Bitcode/BitcodeReader.h"
#include "llvm/Bitcode/BitcodeWriter.h"
#include "llvm/IR/DiagnosticHandler.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/InstIterator.h"
#include "llvm/IR/InstrTypes.h"
#include "llvm/IR/LLVMContext.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/IR/Module.h"
#include "llvm/MC/TargetRegistry.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/TargetMachine.h"
#include "llvm/Target/TargetOptions.h"
#include "llvm/TargetParser/Triple.h"

#include <memory>

using namespace llvm;

static cl::opt<bool> SearchEnabled(
    "bpf-nocsr-relax-search",
    cl::desc("Choose each eligible call's kept registers by trial compiles "
             "(off: size them from the values live across the call)"),
    cl::init(true), cl::Hidden);

static cl::opt<unsigned> OldKernelWeight(
    "bpf-nocsr-old-kernel-weight",
    cl::desc("Weight, in percent of an instruction on kernels that remove "
             "brackets, of an instruction on kernels that keep them, when "
             "trial compiles choose the relaxation"),
    cl::init(20), cl::Hidden);

static cl::opt<unsigned>
    NumSweeps("bpf-nocsr-relax-search-sweeps",
              cl::desc("Sweeps over the eligible calls of each function in the "
                       "relaxation search"),
              cl::init(1), cl::Hidden);

static cl::opt<bool> OldKernelBound(
    "bpf-nocsr-old-kernel-bound",
    cl::desc("Never take a relaxation that runs more instructions than no "
             "relaxation on kernels that keep the brackets"),
    cl::init(false), cl::Hidden);

static cl::opt<unsigned> MaxSweptCalls(
    "bpf-nocsr-relax-search-calls",
    cl::desc("Eligible calls per function swept one at a time by the "
             "relaxation search"),
    cl::init(8), cl::Hidden);

namespace bpf_nocsr {
namespace {

using KeptList = SmallVector<RegMask, 4>;

/// Errors in a trial compile make it fail; nothing is printed.
struct TrialDiagnostics : DiagnosticHandler {
  bool &Failed;
  explicit TrialDiagnostics(bool &Failed) : Failed(Failed) {}
  bool handleDiagnostics(const DiagnosticInfo &DI) override {
    if (DI.getSeverity() == DS_Error)
      Failed = true;
    return true;
  }
};

struct Choice {
  KeptList Kept;
  unsigned NewInsns = 0;
  unsigned OldInsns = 0;
  uint64_t cost() const {
    return 100 * uint64_t(NewInsns) + OldKernelWeight * uint64_t(OldInsns);
  }
};

/// The search state of one function.
struct SearchedFunction {
  /// In a program type where no kernel removes these calls' brackets
  /// (helper 8 in a socket filter): both views are the old one.
  bool NeverRemoved = false;
  SmallVector<CallChoices, 4> Calls;
  /// The pass's own sizing, measured before the bound is known.
  Choice Sized;
  /// No relaxation: the bound every choice must stay within.
  std::optional<Choice> None;
  std::optional<Choice> All;
  Choice Best;
  unsigned Trials = 0;
};

class TrialCompiler {
public:
  TrialCompiler(const Module &M, OptimizationLevel Level);
  bool ready() const { return TM != nullptr; }

  /// Compiles the functions named in \p Config, each with its kept list
  /// (empty: the pass's own sizing).
  std::optional<StringMap<FunctionTrial>>
  run(const StringMap<KeptList> &Config);

private:
  SmallVector<char, 0> Bitcode;
  std::unique_ptr<TargetMachine> TM;
};

} // namespace

static CodeGenOptLevel codeGenLevel(OptimizationLevel Level) {
  if (Level == OptimizationLevel::O1)
    return CodeGenOptLevel::Less;
  if (Level == OptimizationLevel::O3)
    return CodeGenOptLevel::Aggressive;
  return CodeGenOptLevel::Default;
}

TrialCompiler::TrialCompiler(const Module &M, OptimizationLevel Level) {
  raw_svector_ostream OS(Bitcode);
  WriteBitcodeToFile(M, OS);
  const Triple TT(M.getTargetTriple());
  std::string Error;
  const Target *T = TargetRegistry::lookupTarget(TT.str(), Error);
  if (!T)
    return;
  StringRef CPU, Features;
  for (const Function &F : M)
    if (!F.isDeclaration()) {
      CPU = F.getFnAttribute("target-cpu").getValueAsString();
      Features = F.getFnAttribute("target-features").getValueAsString();
      break;
    }
#if BPF_NOCSR_TARGET_MACHINE_FROM_TRIPLE
  const Triple &TMTriple = TT;
#else
  const std::string TMTriple = TT.str();
#endif
  TM.reset(T->createTargetMachine(TMTriple, CPU, Features, TargetOptions(),
                                  std::nullopt, std::nullopt,
                                  codeGenLevel(Level)));
}

std::optional<StringMap<FunctionTrial>>
TrialCompiler::run(const StringMap<KeptList> &Config) {
  bool Failed = false;
  LLVMContext Ctx;
  Ctx.setDiagnosticHandler(std::make_unique<TrialDiagnostics>(Failed));
  Expected<std::unique_ptr<Module>> MOrErr = parseBitcodeFile(
      MemoryBufferRef(StringRef(Bitcode.data(), Bitcode.size()), "trial"), Ctx);
  if (!MOrErr) {
    consumeError(MOrErr.takeError());
    return std::nullopt;
  }
  Module &M = **MOrErr;
  for (Function &F : M) {
    if (F.isDeclaration())
      continue;
    auto It = Config.find(F.getName());
    if (It == Config.end()) {
      // Its code does not change the searched functions' code.
      F.deleteBody();
      F.setLinkage(GlobalValue::ExternalLinkage);
      F.setComdat(nullptr);
      continue;
    }
    if (!It->second.empty())
      F.addFnAttr(KeptRegsAttr, formatKeptRegs(It->second));
  }
  legacy::PassManager PM;
  SmallVector<char, 0> Out;
  raw_svector_ostream OS(Out);
  if (TM->addPassesToEmitFile(PM, OS, nullptr, CodeGenFileType::Null))
    return std::nullopt;
  TrialRecorder Recorder;
  PM.run(M);
  if (Failed)
    return std::nullopt;
  return Recorder.functions();
}

/// Is \p I a call the IR marks eligible (at the call or its callee)?
static bool isEligibleCall(const Instruction &I) {
  const auto *CB = dyn_cast<CallBase>(&I);
  return CB && CB->hasFnAttr(FastcallIRAttr);
}

/// Is \p F a program (it has a section) of a type in which the newest
/// kernel in the table takes none of its eligible calls for fastcall? The
/// table's x86-64 column stands for every architecture here.
static bool bracketsNeverRemoved(const Function &F) {
  if (!F.hasSection())
    return false;
  const ProgFamily Family = progFamilyFromSection(F.getSection().str());
  if (Family == FamilyOther)
    return false;
  const KernelProfile Latest =
      KernelProfile::fromTable(KernelVersion::latest(), Arch::X86_64);
  for (const Instruction &I : instructions(F)) {
    if (!isEligibleCall(I))
      continue;
    const EligibleCallee *C = findTableCallee(cast<CallBase>(I));
    if (C && Latest.isFastcall(*C, Family))
      return false;
  }
  return true;
}

static Choice measured(const SearchedFunction &S, const KeptList &Kept,
                       const FunctionTrial &T) {
  return {Kept, S.NeverRemoved ? T.oldKernelInsns() : T.newKernelInsns(),
          T.oldKernelInsns()};
}

/// Keeps \p C for \p S if it costs less than the best so far and stays
/// within the no-relaxation bound.
static void consider(SearchedFunction &S, const Choice &C) {
  if (C.NewInsns > S.None->NewInsns ||
      (OldKernelBound && C.OldInsns > S.None->OldInsns))
    return;
  if (C.cost() < S.Best.cost() ||
      (C.cost() == S.Best.cost() && C.OldInsns < S.Best.OldInsns))
    S.Best = C;
}

/// Per call, a sweep tries keeping nothing, everything, the sizing and the
/// current choice plus one register.
constexpr unsigned NumAlternatives = 4;

/// The next higher register \p Bracketable allows beyond \p Kept.
static RegMask oneMoreReg(RegMask Kept, RegMask Bracketable) {
  for (int N = int(NumCallerSavedRegs) - 1; N >= 0; --N)
    if ((Bracketable & ~Kept) & regBit(unsigned(N)))
      return RegMask(Kept | regBit(unsigned(N)));
  return Kept;
}

static std::string summarize(const SearchedFunction &S) {
  std::string Text;
  raw_string_ostream OS(Text);
  OS << S.Trials << " trials; kernels that remove brackets run "
     << S.Best.NewInsns << " instructions of this function, kernels that "
     << "keep them " << S.Best.OldInsns;
  OS << "; relaxing nothing: " << S.None->NewInsns << "/" << S.None->OldInsns;
  if (S.All)
    OS << ", relaxing every register: " << S.All->NewInsns << "/"
       << S.All->OldInsns;
  return Text;
}

PreservedAnalyses RelaxationSearchPass::run(Module &M,
                                            ModuleAnalysisManager &) {
  if (!SearchEnabled || isRelaxAlwaysRequested() ||
      Level == OptimizationLevel::O0 || !Triple(M.getTargetTriple()).isBPF())
    return PreservedAnalyses::all();
  StringMap<KeptList> Searched;
  for (const Function &F : M)
    if (!F.isDeclaration() && !F.hasOptNone() &&
        any_of(instructions(F), isEligibleCall))
      Searched.try_emplace(F.getName());
  if (Searched.empty())
    return PreservedAnalyses::all();
  TrialCompiler Compiler(M, Level);
  if (!Compiler.ready())
    return PreservedAnalyses::all();

  // Runs one trial; every function measured with as many calls as it was
  // given masks is passed to \p Measured.
  auto RunTrial = [&](const StringMap<KeptList> &Config, auto Measured) {
    if (Config.empty())
      return;
    std::optional<StringMap<FunctionTrial>> R = Compiler.run(Config);
    if (!R)
      return;
    for (const auto &Entry : Config) {
      auto It = R->find(Entry.getKey());
      if (It == R->end() || !It->second.Measured || It->second.Calls.empty())
        continue;
      if (Entry.getValue().empty() ||
          It->second.Calls.size() == Entry.getValue().size())
        Measured(Entry.getKey(), Entry.getValue(), It->second);
    }
  };

  // The pass's own sizing, and what each function's calls may keep.
  StringMap<SearchedFunction> State;
  RunTrial(Searched,
           [&](StringRef Name, const KeptList &, const FunctionTrial &T) {
             SearchedFunction &S = State[Name];
             S.NeverRemoved = bracketsNeverRemoved(*M.getFunction(Name));
             S.Calls = T.Calls;
             KeptList Sized;
             for (const CallChoices &C : T.Calls)
               Sized.push_back(C.Sized);
             S.Sized = measured(S, Sized, T);
             S.Trials = 1;
           });

  // Whole functions: nothing kept, the bound and the first best choice;
  // then the sizing and everything.
  auto Uniform = [&](bool KeepAll) {
    StringMap<KeptList> Config;
    for (auto &Entry : State) {
      KeptList &Kept = Config[Entry.getKey()];
      for (const CallChoices &C : Entry.getValue().Calls)
        Kept.push_back(KeepAll ? C.Bracketable : RegMask(0));
    }
    return Config;
  };
  RunTrial(Uniform(false),
           [&](StringRef Name, const KeptList &Kept, const FunctionTrial &T) {
             SearchedFunction &S = State[Name];
             S.None = S.Best = measured(S, Kept, T);
             ++S.Trials;
             consider(S, S.Sized);
           });
  // Without the bound nothing may be chosen: those keep the sizing.
  for (auto It = State.begin(); It != State.end();) {
    auto Next = std::next(It);
    if (!It->getValue().None)
      State.erase(It);
    It = Next;
  }
  RunTrial(Uniform(true),
           [&](StringRef Name, const KeptList &Kept, const FunctionTrial &T) {
             SearchedFunction &S = State[Name];
             S.All = measured(S, Kept, T);
             ++S.Trials;
             consider(S, *S.All);
           });

  // Sweeps over the calls, every function at once.
  unsigned MaxCalls = 0;
  for (auto &Entry : State)
    MaxCalls = std::max<unsigned>(MaxCalls, Entry.getValue().Calls.size());
  MaxCalls = std::min<unsigned>(MaxCalls, MaxSweptCalls);
  for (unsigned Sweep = 0; Sweep < NumSweeps; ++Sweep)
    for (unsigned I = 0; I < MaxCalls; ++I) {
      for (unsigned Alt = 0; Alt < NumAlternatives; ++Alt) {
        StringMap<KeptList> Config;
        for (auto &Entry : State) {
          const StringRef Name = Entry.getKey();
          SearchedFunction &S = Entry.getValue();
          if (I >= S.Calls.size())
            continue;
          const CallChoices &C = S.Calls[I];
          const RegMask Cur = S.Best.Kept[I];
          const RegMask Tries[] = {0, C.Bracketable, C.Sized,
                                   oneMoreReg(Cur, C.Bracketable)};
          const RegMask Try = Tries[Alt];
          if (Try == Cur)
            continue;
          KeptList Kept = S.Best.Kept;
          Kept[I] = Try;
          Config[Name] = Kept;
        }
        RunTrial(Config, [&](StringRef Name, const KeptList &Kept,
                             const FunctionTrial &T) {
          SearchedFunction &S = State[Name];
          ++S.Trials;
          consider(S, measured(S, Kept, T));
        });
      }
    }

  for (Function &F : M) {
    auto It = State.find(F.getName());
    if (It == State.end() || F.isDeclaration())
      continue;
    F.addFnAttr(KeptRegsAttr, formatKeptRegs(It->second.Best.Kept));
    F.addFnAttr(TrialSummaryAttr, summarize(It->second));
  }
  return PreservedAnalyses::none();
}

} // namespace bpf_nocsr
