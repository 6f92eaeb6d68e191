package output

import (
	"errors"
	"io/fs"
	"os"

	"golang.org/x/sys/unix"
)

// swap puts tmp at dest. macOS exchanges two folders in one step with
// renamex_np(RENAME_SWAP), as Linux does with renameat2; file systems
// without it (some network ones) fall back to two steps.
func swap(tmp, dest string) (old string, err error) {
	if _, err := os.Lstat(dest); errors.Is(err, fs.ErrNotExist) {
		return "", os.Rename(tmp, dest)
	}
	err = unix.RenamexNp(tmp, dest, unix.RENAME_SWAP)
	if errors.Is(err, unix.ENOTSUP) || errors.Is(err, unix.EINVAL) {
		return swapTwoSteps(tmp, dest)
	}
	if err != nil {
		return "", err
	}
	return tmp, nil
}
