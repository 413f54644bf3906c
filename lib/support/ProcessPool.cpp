#include "support/ProcessPool.h"

#include "support/Interrupt.h"

#include <utility> // llvm/Support/thread.h uses std::exchange without it

#include <llvm/Support/thread.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <poll.h>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

namespace carcinize {

namespace {

using Clock = std::chrono::steady_clock;

struct Child {
  size_t Job = 0;
  pid_t Pid = -1;
  int Fd = -1; ///< read end of the result pipe; -1 once at EOF
  std::string Data;
  Clock::time_point Deadline;
  bool Killed = false; ///< by us, for the timeout
};

/// Writes all of \p Data to \p Fd (a pipe), retrying short writes.
bool writeAll(int Fd, const std::string &Data) {
  size_t Done = 0;
  while (Done < Data.size()) {
    ssize_t N = ::write(Fd, Data.data() + Done, Data.size() - Done);
    if (N < 0 && errno == EINTR)
      continue;
    if (N <= 0)
      return false;
    Done += static_cast<size_t>(N);
  }
  return true;
}

/// The child's side: run the job on a big stack, send the result, leave
/// without running the parent's exit handlers.
[[noreturn]] void runChild(int Fd, size_t Job, pid_t Parent, const ProcessPoolOptions &O,
                           const std::function<std::string(size_t)> &Work) {
  // A worker dies with the scan: after a kill -9 of the parent (a
  // cancelled CI job, the OOM killer) it would go on parsing under PID 1,
  // past any --tu-timeout. The parent may have died before the request
  // took effect: then it is already another process's child.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::getppid() != Parent)
    ::_exit(4);
  std::signal(SIGINT, SIG_DFL);
  std::signal(SIGTERM, SIG_DFL);
  std::signal(SIGHUP, SIG_DFL);
  std::string Out;
  {
    llvm::thread T(std::optional<unsigned>(static_cast<unsigned>(O.StackSize)),
                   [&] { Out = Work(Job); });
    T.join();
  }
  bool Sent = writeAll(Fd, Out);
  ::close(Fd);
  ::_exit(Sent ? 0 : 3);
}

std::string describeStatus(int Status) {
  if (WIFSIGNALED(Status)) {
    int Sig = WTERMSIG(Status);
    const char *Name = strsignal(Sig);
    return "crashed (signal " + std::to_string(Sig) + (Name ? std::string(", ") + Name : "") +
           ")";
  }
  if (WIFEXITED(Status))
    return "exited with code " + std::to_string(WEXITSTATUS(Status)) + " without a result";
  return "stopped without a result";
}

} // namespace

int runIsolated(const std::vector<size_t> &Order, const ProcessPoolOptions &O,
                const std::function<std::string(size_t)> &Work,
                const std::function<void(size_t, IsolatedResult)> &Done) {
  unsigned Max = O.Jobs ? O.Jobs : 1;
  std::vector<Child> Running;
  size_t Next = 0;

  auto Finish = [&](Child &C) {
    int Status = 0;
    while (::waitpid(C.Pid, &Status, 0) < 0 && errno == EINTR) {
    }
    IsolatedResult R;
    if (C.Killed) {
      R.TimedOut = true;
      R.Failure = "timed out after " + std::to_string(O.TimeoutSeconds) + " s (--tu-timeout)";
    } else if (WIFEXITED(Status) && WEXITSTATUS(Status) == 0) {
      R.Ok = true;
      R.Output = std::move(C.Data);
    } else {
      R.Failure = describeStatus(Status);
    }
    Done(C.Job, std::move(R));
  };
  auto KillAll = [&] {
    for (Child &C : Running) {
      ::kill(C.Pid, SIGKILL);
      if (C.Fd >= 0)
        ::close(C.Fd);
      while (::waitpid(C.Pid, nullptr, 0) < 0 && errno == EINTR) {
      }
    }
    Running.clear();
  };

  while (Next < Order.size() || !Running.empty()) {
    if (int Sig = interruptSignal()) {
      KillAll();
      return Sig;
    }
    while (Running.size() < Max && Next < Order.size()) {
      int Pipe[2];
      if (::pipe2(Pipe, O_CLOEXEC) != 0) {
        IsolatedResult R;
        R.Failure = std::string("cannot create a pipe: ") + std::strerror(errno);
        Done(Order[Next++], std::move(R));
        continue;
      }
      pid_t Parent = ::getpid();
      pid_t Pid = ::fork();
      if (Pid == 0) {
        ::close(Pipe[0]);
        runChild(Pipe[1], Order[Next], Parent, O, Work);
      }
      ::close(Pipe[1]);
      if (Pid < 0) {
        ::close(Pipe[0]);
        IsolatedResult R;
        R.Failure = std::string("cannot start a worker process: ") + std::strerror(errno);
        Done(Order[Next++], std::move(R));
        continue;
      }
      Child C;
      C.Job = Order[Next++];
      C.Pid = Pid;
      C.Fd = Pipe[0];
      C.Deadline = O.TimeoutSeconds ? Clock::now() + std::chrono::seconds(O.TimeoutSeconds)
                                    : Clock::time_point::max();
      Running.push_back(std::move(C));
    }
    if (Running.empty())
      continue;

    // Wait for output, an EOF or the nearest deadline (at most 200 ms, so
    // an interrupt is seen promptly even if a signal slips past poll).
    std::vector<pollfd> Fds;
    Clock::time_point Nearest = Clock::time_point::max();
    for (const Child &C : Running) {
      Fds.push_back({C.Fd, POLLIN, 0});
      Nearest = std::min(Nearest, C.Deadline);
    }
    auto Wait = std::chrono::milliseconds(200);
    if (Nearest != Clock::time_point::max())
      Wait = std::min(Wait, std::max(std::chrono::milliseconds(0),
                                     std::chrono::duration_cast<std::chrono::milliseconds>(
                                         Nearest - Clock::now())));
    int N = ::poll(Fds.data(), Fds.size(), static_cast<int>(Wait.count()));
    if (N < 0 && errno != EINTR)
      N = 0;
    std::vector<Child> StillRunning;
    for (size_t K = 0; K < Running.size(); ++K) {
      Child &C = Running[K];
      bool Eof = false;
      if (N > 0 && (Fds[K].revents & (POLLIN | POLLHUP | POLLERR))) {
        char Buf[65536];
        ssize_t Got = ::read(C.Fd, Buf, sizeof Buf);
        if (Got > 0)
          C.Data.append(Buf, static_cast<size_t>(Got));
        else if (Got == 0 || (errno != EINTR && errno != EAGAIN))
          Eof = true;
      }
      if (!Eof && Clock::now() >= C.Deadline) {
        ::kill(C.Pid, SIGKILL);
        C.Killed = true;
        Eof = true;
      }
      if (Eof) {
        ::close(C.Fd);
        C.Fd = -1;
        Finish(C);
      } else {
        StillRunning.push_back(std::move(C));
      }
    }
    Running = std::move(StillRunning);
  }
  // The signal may have ended the last children (a terminal's Ctrl-C goes
  // to the whole process group): their deaths are not results to report.
  return interruptSignal();
}

} // namespace carcinize
