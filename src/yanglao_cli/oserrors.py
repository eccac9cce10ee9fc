"""Operating-system errors in Chinese: the OS's own text (strerror) is English on most machines."""

from __future__ import annotations

import errno

_WHY = {errno.ENOENT: "路径不存在", errno.EACCES: "没有权限", errno.EPERM: "没有权限",
        errno.ENOSPC: "磁盘已满", errno.EROFS: "位置只读", errno.ENOTDIR: "路径中有同名文件",
        errno.EEXIST: "路径中有同名文件",
        errno.EISDIR: "已有同名的文件夹", errno.EBUSY: "文件正被占用", errno.ENAMETOOLONG: "文件名过长",
        errno.EIO: "读写出错（磁盘或网络盘故障）", errno.EFBIG: "文件超出系统允许的大小", errno.EMFILE: "同时打开的文件过多",
        getattr(errno, "EDQUOT", -1): "磁盘配额已满",
        errno.ELOOP: "快捷方式（符号链接）指向自身或断开", errno.EINVAL: "文件名或路径不合法"}


def why(e: OSError) -> str:
    """What went wrong, in Chinese where the error is a common one, else the system's own words."""
    return _WHY.get(e.errno or 0) or e.strerror or str(e)
