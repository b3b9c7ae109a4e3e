//===- RelaxationTrials.cpp - Per-call relaxation choices and trials ------===//

#include "RelaxationTrials.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/IR/Function.h"

using namespace llvm;

namespace bpf_nocsr {

static TrialRecorder *ActiveRecorder = nullptr;

TrialRecorder::TrialRecorder() {
  assert(!ActiveRecorder && "trial compiles do not nest");
  ActiveRecorder = this;
}

TrialRecorder::~TrialRecorder() { ActiveRecorder = nullptr; }

TrialRecorder *TrialRecorder::active() { return ActiveRecorder; }

std::optional<SmallVector<RegMask, 4>> readKeptRegs(const Function &F,
                                                    unsigned NumCalls) {
  Attribute A = F.getFnAttribute(KeptRegsAttr);
  if (!A.isStringAttribute())
    return std::nullopt;
  SmallVector<StringRef, 8> Fields;
  StringRef Text = A.getValueAsString();
  if (!Text.empty())
    Text.split(Fields, ',');
  if (Fields.size() != NumCalls)
    return std::nullopt;
  SmallVector<RegMask, 4> Kept;
  for (StringRef Field : Fields) {
    unsigned Mask;
    if (Field.getAsInteger(10, Mask) || (Mask & ~unsigned(CallerSavedMask)))
      return std::nullopt;
    Kept.push_back(RegMask(Mask));
  }
  return Kept;
}

std::string formatKeptRegs(ArrayRef<RegMask> Kept) {
  std::string Text;
  for (RegMask M : Kept) {
    if (!Text.empty())
      Text += ',';
    Text += utostr(M);
  }
  return Text;
}

} // namespace bpf_nocsr
