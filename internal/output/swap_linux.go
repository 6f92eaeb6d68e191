package output

import (
	"errors"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// swap puts tmp at dest. When dest exists the two are exchanged in one
// renameat2(RENAME_EXCHANGE) call, so that no moment exists when dest is
// missing or mixed, even if the process is killed; the old site is then at
// tmp's name, which is returned for removal.
func swap(tmp, dest string) (old string, err error) {
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		return "", os.Rename(tmp, dest)
	}
	err = unix.Renameat2(unix.AT_FDCWD, tmp, unix.AT_FDCWD, dest, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOSYS) || errors.Is(err, unix.EINVAL) {
		return swapTwoSteps(tmp, dest)
	}
	if err != nil {
		return "", err
	}
	return tmp, nil
}
