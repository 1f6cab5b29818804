from tortoise import BaseDBAsyncClient

RUN_IN_TRANSACTION = True


async def upgrade(db: BaseDBAsyncClient) -> str:
    return """
        CREATE TABLE IF NOT EXISTS "broadcast" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "reseller_id" INT,
    "channel" VARCHAR(5) NOT NULL /* EMAIL: EMAIL\nSMS: SMS */,
    "subject" VARCHAR(200) NOT NULL,
    "body" TEXT NOT NULL,
    "created_by_label" VARCHAR(200) NOT NULL,
    "recipient_count" INT NOT NULL,
    "created_at" TIMESTAMP NOT NULL,
    "account_id" INT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE
) /* One "Send Email" or "Send SMS" to the contacts of many customers: its messages (one per */;
CREATE INDEX IF NOT EXISTS "idx_broadcast_account_cb1b8b" ON "broadcast" ("account_id", "created_at");
        CREATE TABLE IF NOT EXISTS "contact_verification_code" (
    "id" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,
    "channel" VARCHAR(8) NOT NULL /* EMAIL: EMAIL\nSMS: SMS */,
    "destination" VARCHAR(320) NOT NULL,
    "code_hash" VARCHAR(64) NOT NULL,
    "attempts" INT NOT NULL,
    "expires_at" TIMESTAMP NOT NULL,
    "spent_at" TIMESTAMP,
    "created_at" TIMESTAMP NOT NULL,
    "account_id" INT NOT NULL REFERENCES "account" ("id") ON DELETE CASCADE,
    "contact_id" INT NOT NULL REFERENCES "contact" ("id") ON DELETE CASCADE
) /* A code sent to prove that a contact's e-mail address or mobile number is its own. Only */;
CREATE INDEX IF NOT EXISTS "idx_contact_ver_contact_0fa8b7" ON "contact_verification_code" ("contact_id", "created_at");
        ALTER TABLE "message" ADD "broadcast_id" INT;
        CREATE INDEX "idx_message_broadca_f4a8fc" ON "message" ("broadcast_id");"""


async def downgrade(db: BaseDBAsyncClient) -> str:
    return """
        DROP INDEX IF EXISTS "idx_message_broadca_f4a8fc";
        ALTER TABLE "message" DROP COLUMN "broadcast_id";
        DROP TABLE IF EXISTS "broadcast";
        DROP TABLE IF EXISTS "contact_verification_code";"""


MODELS_STATE = (
    "eJztXW134jiy/is6fJnuc+lsJ+l09zJ79xxCmG62E8gFMrOzwx63sQVoYmSPLSed2Z3/fv"
    "Vig1/B4tV49CEx2CrZPJKlqkdVpf/U5rYJLe+saRi2j0mtAf5Tw/oc0g/JS3VQ0x1neYGd"
    "IPrY4mX1SKGxR1zdYHVNdMuD9JQJPcNFDkE2ZoWbwNBdF0G3AeATdF+ATWbQBa79DMbQsv"
    "HUA8QG8ButxKIXMQRB9WesftM26A0Qnm5flY/Rbz7UiD2FTIxW+Mu/6WmETfgNeuFX51Gb"
    "IGiZMXCQySrg5zXy4vBzHUx+4AXZU441w7b8OV4Wdl7IzMaL0kjANYUYujqBrHri+gwu7F"
    "tWAGyIoHjSZRHxiBEZE05032KgM2nxAMtzNU3r9obaoD3UtFqqQUKJCLDBKcPGrDHpo3r8"
    "10/ZI7y5OH/34d3Hy/fvPtIi/DEXZz78IW69BEYIcni6w9of/LpOdFGCY7wElR9TsLZmup"
    "uNa1g+gSx95CSyIY6roA1PLLFd9t9DgDvXv2kWxFMyY4i+fbsCyh+b/dbnZv8VLfWa3dKm"
    "L5x4EbvBpQtxjeEdwdefj6GruTqeQs0jukvSaF+jaW4/zpZf368z0A+6bWnAFz37rxcXl5"
    "cfLt5evv949e7Dh6uPbxddPH1pVV+/7nxi3T3WNGH/T7XH2LKNR81Dv2d0/nVtEZetUFNs"
    "OcgsQXbhbz5yoab7JiKaC3WPPk+629u2BXWcjXVeFQm4x7SOfQ08izN7QHxVP+71blnNc8"
    "/7zRIdO9Gruw931+3+q3M+DtFCiOR0djjXkaVNXHsuM8THpTYa6MvWv2Pj/OVFkXGelsod"
    "5/m1ONTenDjazPYyhvd8pGNC1QP64uqqyIR6dZU/obJrGUA7dtY8mjtwx2TUgJ0eKDhAxP"
    "I0Zmdk9+A2nf04uh36JDo2YDbK0UoOpyPWBsNmfzi8HdTkAK91e912A7D/IxzW0QDhpxHm"
    "X8N6Jbv/xwKd/2Nu1/+Y2fF9D7qyKntKUI00EiON7nnPtptheq4BPCqoAC8IuKfpDtLGug"
    "c137XkME/LVg/2q0Im6tUKE/UqbaJy6ARFQ60ayZ6eEq0e6OeFQD9fAfp5Dug+mWnEfoQZ"
    "xtEazGOS1YN8b8OLrC0UlakezJcXhQyhFXZQCmPkMGPdkgM5KnRApdF7RsSYjW3dDZ/pFL"
    "s1s2t0SzNtarZjL437Pwa9bjbuackE+CYyCPgvsJBXxEbarBH+NvGxwWAFYx9ZhD7IGbvf"
    "3/fVIisagCEVY15C3F/dNf+ZbJLWbe+aQ0bN96nLa+EVXCeax6A9m0Km6RkG6w29QtAcZj"
    "dPXDLZNIHoWfjhFOl3+gPNHrZegnFyRdMMO3dtapXd3cfa56Y5bLMrF/zsS+Lsq/eJNltU"
    "An7qDD8D9hX8i5p+yWZclBv+q8aeic62tobtZ003I8s/4dkQtVir+465YavHJVWrl6XVQ4"
    "wizc6fni1XTh4ja2vsxFg3Hp/ptKLFriy7B7NUHuFLxmh9HUj+8KUPLZ1jm+4G4TKxg77A"
    "lxPsAn+EnT48u+wKEYw48w8xrQpuCxSrqk1rqixYHvQ8Wu/WOJHZQNRUVaDGrq2bhu6RLa"
    "G6DuupKlD0KtGNbWFqiVoqDpL2BF00QQYHg4qY2w5YAWw/RqptBaR6JWH0PWLPobstakE1"
    "VYVpTodmfbpt37oTtVQVpKiTxpZIdXlV16ymqqIVrlIIMnFLvO6DyoYhMVlFxKi1AC1r67"
    "GqH1RTWZhsa9uBqk+rqCo8jPJkS7JbQjRAzoNX3U60A4SqBg9jF+wLO49vSF+aX8yTZ3RM"
    "538zuDe7U5xPyHJIXzANK/zRBafBCxXxR3ehSY17pFtgYrtAx4D+Sjh1eXuCV2NkWRQg4L"
    "14BM7roHXTBxMIzdffAzKDwINUngDkAary0ZrATPdm0Mz0Vt/bjZQvu/JlL82IcQBfdseF"
    "E/RNBuGlxG4wPm73jXsFvC/iFJAkoyM+Ae+T8NLBU2OjiwzAUZkKduP37wqA/P5dLsjsUq"
    "IPQ3eO8rjSFUulcTG1TqrWSdWK2Q7WSS3dI8wQ2qTdk7I7aPmSeeucSENnLI2mW9qFT/bj"
    "Ru0cl1StXOZWDp1BpeybuNBG8RmlG7J3YOqkPAtSMKcx/oHaqGiKqbGeitXIWfJd1nRiEO"
    "dRJPS0qz8vbO5E76II0N8NRcRcqzloNW/atT/yfTb2yrcs3RKyOJeY08IK3mXhJ1GQe+lh"
    "CIwZCygGr2wXWPYU4TrwIDbrAH5jToFnZ2ev6+DZRYRARpdwJoTWij1dqKD2hJ8StaRJl5"
    "3fYYRHuGkQWpcYNTyguxA4Fm12gEyvDrBNGLvD+j5gjjWNsEJkAdsnFnqCHj/l2s8eQAQw"
    "sL2CLM4v0feNdiN6OXYqXL4MulhGCTp1JU/x9tN4m/9biiZaFS1eMaboILHh+XySvKpSWR"
    "OkWjoKHUi0R4pkNtOyPtIxXkOZeZfaw6DdbwD2f4Rbve6w2Ro2QPCBjqn3He1L++cGCD6M"
    "8ODnwbB91wDimBzZCxFjxaJlVgTLJDkbATdbDJLVKxNyKvQ3HforQAodmTbANy6qIM6DOF"
    "gf2wTiuKiCOA0xxWMMZ7o10ezJBiNFnriCOq830x8LpQJ0E2JlnjTLtOaGHBmQRenqBSru"
    "fh2Iv+TULM8iUfLxjUtVD+e9xJcLi34LXTvbwadUQ0at1W9T24aq1vw4wg/3N/y7OI7wTf"
    "u2zb6L4wjf9qhF2gD8wL/1Hob8Kz2OcOfuvt0f9Lq8isgXqp+3uzdUO6f/R/hTu9vu8yLh"
    "J3q99bl983BLz4WfmJZ/f8t1fHqgVkCz22rf0iflxxFu//O+16f3FseNNP4iYcTn+WHE56"
    "kw4hkhDnOqH2/aa2IVlLrjfGoPWfvRRr/vDehH9p9+Zr3hnnWFeMfZpHmKOCrk+ymk3BQi"
    "xJXEyBmXKnOLlGaKcqHBPLPlMnLEhBTMBWBOsLcFLYaElDIU0obCfBloUrT3RkQq2Hf3ol"
    "3lZdccwm85XTc3meZJKrCrmOn2P4cxUjrlp7Qgpm973U9h8aTzUhxvE00mabTzPcfC8uVw"
    "GWO3rYzLmHI2UM4GytmgsLPBMrY/09sgFvq/yt2AzDQvUrKQvwF3AeDOAGjuQJfOPzz84v"
    "X3bHMAWhkQ8Yd8WR4gUgeeDbjfFwvNQARAbPL1+znQLSvb4WD3t9hxfMfDQ+dGYtne95F5"
    "xmQ2eV3Wr95HZgd+J/bv3TGmBpFkTBig0RGf//TVC/TbrOEefvW2xskeSYRrcaJoyQV1et"
    "0oNdQR8+vxoxgUYa0I6xM3qVQoQj761Q1FgN8cRGvboNXjkhVs9RNpZRWHoFpZUQN75XTl"
    "XWu29aapIqKKbDkY2ZLsvDsAtmIpRZKoRl5YWf4qOstO6Gg+20laqb6oq3JZpfbJ9i3TU2"
    "ZwfbHclflM3zhWrBDNN6oNIDZBm+0gNqoB2w3PDO4G9DuxRVBPkFqSBfnQX/ACFvn/GgDR"
    "02GeO/CK7R7qiLctxfft6V4j7EIDOYiazHXwNUiWd7bAgr4ZX1/z6KNE8JLHaMVIBNMZ+B"
    "qmCmMyLIMMLTbCLAoKut95ILwKnme0Fh04uktox2ZhUoQ+WiM84dEzENjU5mIVIHchSOtY"
    "ZjPdJJQpYq3KhSD9WeKP9papJtIzJNBNSCmfg7R+yuIFcZ5j8npSOCJeZv+DWvuu2bltAH"
    "4YYTrgNdiotwkBXGRDivztKNJ7rPjjX6EhtwniUuSAXPy+FjoO4BI+ts2XNMD5/h5h+TL3"
    "6NK6e4Rz5PhFPuQhS7YSjXCATr5QwrQce3jFLJmSPBzx8PZU5km1xPEnXOJQrKji8ErGNp"
    "XXYSrcuiKDQInsapFPnxiRQoXIE+G0xIgKfcFSnIHhDAL4hpEcAYUAxLZtYVYV0eAhCxHA"
    "CZ5ntKs85TAn+7jRCDM2xdA9CF59FTvIP8KXr0EW3TDNPKv5ETpE0Bm6x7Lx6u7UxhdIZN"
    "at0zMmeywBHnhG9LXwyQgzdsagxplN2PPQp8gjPGIMx+JBBMERI0KMyG4RrH1FsUSWltwL"
    "ijs5FneisvzuV/NedHlJjEMZhXMxnPnYJAPyQqCCCF9eFEGYllqxF202wrJdOSakkC6GtE"
    "NRkhqUFwLVc0kshO8KeNPozu0xsuTi6BYSCt/1+IYZjDhImSgXWDlI1HFAKlsE/99KMtqh"
    "WJg84HaErzu3t53upwYIPozwsN363O20WKnFxxEeNG/bbMWBHUa4N/zMUozxwyYrELt3QX"
    "f8sYUMjdoKWVsQ5RPlSbkKLEccmi53XPREsdkA+6SgAl8afKG6iL0oYVbmUNu2oI5X6T1R"
    "4UQLjKn0vppgceawrXDd693GWuG6k4T54e66TYcf3iS0EBLUVEawO59xNwU/Q1qhL4E+cj"
    "TdsuznNOz5gdlRmXIEZ1dqP4/FzpKyW9qkBCuowl4VcbugpfKV2KuU68UCN5Eze5O1vZwq"
    "VKhDmUMd1FJu/ltX3aVc3zE3bPW4pGr1srR6xsue2hBVLeDvyR3maDnAqoisco04SnhTdE"
    "F7S3Bbkaoqim7i5d081EkY7QYPYqK3Nbfd9jxwLvkxUm2LXqlQU+w18ikPvnw3niyk17r1"
    "aKlm52JFNr6mZUWQD7GB49pPEJCZTpZOL995oR8OVQxclrnIdoFgiOiPnY+hy9xomLuN/Y"
    "zPANd0Eu2xp9uMsI7B57tm683gc/Pi6v1ilyZ2r1c+C2wSzkGO850Xbp39CF9eh34/3/Pb"
    "08JsP236qBZ841OURjhIoSDcf9hFhz25PiGsRtsWoVvPro2ntAchyJ81iJvC8JkWYv5BLn"
    "Qs3YDsoc/AgNUwwny/JzrcvQA6lNLfGokJA1Mbio2iXoBwZiI263/C+Wlm+671Aiw0R4T9"
    "Tha3VTzKKuL8pTyFjuUppIKBJHmpjwVYqY+5nNTHJCNFn5MgvJjuihKACbEyY18mHww2rk"
    "qTrTGhCiK9+zxcOiFw7pAMJS/fAI+IqFCUpO2t8i6tU6BPkLlKE5Zco9ugkaNyaiGizC2s"
    "FiLyx8zTpKRVTNkRKelNdmTcwV6MVcRVEdLHIaSXJMi2fPSypopiG39zSxUHGa4FZDGokX"
    "WCFZRptNRahrT9BN0XwB9uwS8GFQCD/prvPHCte8ioA9orJmhaB03BX9ZBlMmtgy5zJWWE"
    "Yood3f0tRvhGf/nLkGonoA/ZjQwC6O+nAo7lBzvPUxXgDY97HOsW6+6c62Q704OAaRIsZK"
    "HAxmVc4qoET/S1Ir6nYhdLw0iq2MUKxi6WzKQ8AMzBuJIJ8npefSl9QB//ZmvY+bFdk8M8"
    "kGoAcRzhTjc8E34a4ft2t3k7/LkBgg/8zE2n+0lr3t/3ez+y4JnkmU3I+T3EPYlpR4bKjI"
    "ooKjNps00sajp7Dszy/8+FNC6kQE2CasIxIhpfh83glaCB5rqVt5AUk0zySkL0LKhibyPP"
    "W8lBZxfc4U271blr3tJ3vv4uETwRjhTv0mGmCKO5P9cc/WWeuc3ISrAzpBXgqwEntuM7mu"
    "G7LsQGyvIbyo9eyZJVUSwxznQXUSyEzsAOdA359yEh+Sd8Fz5IvApBR5ZS3KMyFTSQLou4"
    "COQ7CKSyhgrSQbIXR6T+hD1YajQPVWMNYc33MoBeq1RHJJUamFQDqV7h6JYmnTUnKVc9E3"
    "8v3kTPcOyxLi+BdESkeiDvZaM5R9M9D7qMi82iW1d06qRg9QDfC3ElMhpqYkPYNOArY/RT"
    "sgeM0A858JMN0A/AmyHThFjzILcZpAye/BqU2bNzs+dJd6Wyt4TlVdIW6aQtCD/ZyICaZ8"
    "yg6eel+VrPqmfVc8DmuOt1h59vf5Yl2Lu9brsB2P8Rvml2bn9uAH4Y4Z/a7S/sqziOcHCD"
    "BojeSTbVVJEp5Tx/RjnP2SpWC8GnYOeyZysnl5X1qFQwMqlgAghNn/7pLzKLG1mihzPELk"
    "/FEgthYk7tli5nI2TJVk93PS+ku56v0F3PM/LFfiPQxUIDZZ4c9HEkrYb8GlQTFGoClzi0"
    "Ohc+69bGUWXJOg44R9/2Wl/aN7JTtJBqAHEc4YdueCb8VI6p2IWG7ZqsT7uQ0JmTxeVKTg"
    "CrqlCMXI5NZ9pzegsp9iIpWL3hZy8ZvkwdWS/MVQCbm62HZ8lvTeuXrB12Tet7BLmaN9Mf"
    "IdZYIB/zXsoNaC3i/JRbXYnfglqzAZojfN0A1yPcaoDWRkN+kRE/f8BPBWIKl1zakzE8lx"
    "l+UoIlBr5M5GkUt4tNAb9QgBcG3EBEbkE8KF89ePejzcOpZGaCpYSCuBDEjGemml6YHqe4"
    "ghgTqx7Y+9jDgBr0rtxwsRSpIMJFAM7HNzX3OTyFkqkZFtLsIOOSBL+bKa94XQleN5qfPs"
    "i65cLffORulek+oybVKpumvd+uWdZVpdpFol2k999Q+25svoTLklL8LrkBVlTmgJA/DFv7"
    "Qn3fiZdMRFXCZ/rr7Gcpx5GknHIXWf0CbOAuojK/5L8V1c38olLQV63VQ4xWpaAXeSk2af"
    "W4pMrlVZ5GTr/bKqvTftZMQ4hEthXJ/QayhTfCuWSvzq5hpm8CtCxZfBNSCliVPeuI2bPC"
    "3rgDcPuRqk6r/xYFN/HqxtDt09mw32kNa6tG4h2g/OBVGeHsyScGNH0U0H24vS22b0aQ8W"
    "w3u2VUaNxIxJ9PNTeT8JACKUhuNtSnVQVK7FihjS3beNwSrS6v6prVVFW0POSwSOOsIB8Z"
    "pAbIKTjonQxKh8ikyF7DFckUg7d0fT5FjQQl1+ZU7GEIaGGW7FBfpDpkm7HwOtnpYJ8X4N"
    "lggixCuwZ4tt1HoFvokRbAAPKciRBPEYY8RWEso+I+bpCZAzGaS5L9/GT+Q5XPcPd2VX4+"
    "w6ADFl70EMX3td5xUGT37zyjNiU8kBWrNs5bNSUmDYEtN87b5wR7a9PJoyl2W8maYWPXV0"
    "6xFiup6ZGiBfMWc0GK20sdTGy2G5prE2JR3MH4ZbHRGkv8S7+K7dfSk+lWNa3fnUxNkYec"
    "IqUT1myXqabU0+ReMtUgRwZdUbp60O7e38LzDQNCU9qPKyZ3QKet46zs7dBnS35F9ZDr5w"
    "ft2qe5fJ7nNJFSPY+oHQ2FGgFz1aNFgQL6EYmWXasg8eoB+y1v7MmEUwUYvBKqSz3UaF4D"
    "R0dune3vyrmE5xkdahbqziumjoXqzuu05rT7W4zwCA8g20nXfUIG9P4S/+VnzkugnUHg2B"
    "YyXvKpCzH1iOld0RbH1MnKpDIcMUZi9zpD+ZTdI8K7F213QvHy3Szf7vwE8xERlcUgqXVZ"
    "uke0AKINnNoyxJVnW5k92/gKITQ1vh28bGunhFVbl7mtF6boJvvOJmRVS5etpUtiVt1Rq0"
    "GfZhpU4aX6KlNqHilUaCFXmCbMfBncDQCxgY3Z7nIGchDEpA6eXUQIxICxx9QsoTViTxfh"
    "J+FmdzMdT+mVmU6Aofue0A1SC7r7uNEII8JZa49WAfQJYVvu2fM5ImfgqwV1D4rB9SuY6+"
    "6jR80zWtBkt3Bcm/UYjzaAPbZNaqJRhGipl6AEGWEuyW6M6/weOjBc3ZtBfjcTut95gN8C"
    "eGjuWC/A9bEHbD93y72EkfZLZOsqDL+RcH2Ab6S3qz32rtH0z2Lf/fXi4vLyw8Xby/cfr9"
    "59+HD18e1CmUtfWqXVXXc+McUuNvqstwKPt75asomgKlsXVxzWsWvrpsHsDSlgk2J7gvb0"
    "+KHU1h3ZxMX6nF4R8TLTGLX2XbNz2wD8MMJ0Tm+wiT059RehNookt8tPbZdKbPeIcE4i0/"
    "Xgh7KlRn5IFdwGYP9HuEU13WbnU7cBwk8jfN8cDH7q9W8aIPw0wj+2+50fOq3msNOjZaPf"
    "2D6UP/Y6Lb4NJf/Az3SGQdnl5xHut9kz3Xa6Xxpg+XmTNj8vklLlPD+nynkqqQqxZahCUb"
    "rMzVwmntDzx7/CrL3X8wGOiFQgCcQBtm9hVohGqCGQRjk/0UZMqAI4HzrZBsdvRuYZs/Ua"
    "0EOhKiS7OjTqHtQtas0yHGVwT4gp5OWRn0HdpNZmwBJJZnzPFN7NoHNcAkHtcZ4xxP/fQ/"
    "tBPr+7kGoAcaR2QbtLdVX2f4R/oJYCuyaOm2iN74ssMeevMKfy8AnGTWb5Myqilj8zlz+h"
    "69oZ3u/543pcSg3r8sM6SweJ2Njswglk29jKJUjNlK5COxwirbLKVvUncbyMBQgnFmwkmz"
    "5DvILtfyLtXWjxP7KYKNvYCVG19F/mdmYLyZv4dyzFVPuWuX1VKjKVyumwr81OUjkdxxkp"
    "mrskwyEpkdok3ykpmk6Fl1zrmfQL7RYuqQN+AP8DPPQ7fB36AQWAfecBlzkE1cGM/hoWuM"
    "o8ikKPijPQh2zmZSGuOljcOuaWtJe7jLBoP4/X4trPDf6BXwPIAxMX0sqntENwryJ6ZkaP"
    "0GSuQ4Cnr9AxvQnzGhJluWR+IEjkVeO/Q0WDHDUaRLRBCtdVjlgLkSrNLAdxx4rmIPo9g/"
    "PIhzwoXiXEd5dW1PPoFL0Rp5EQraBRW2FSQ+nGe3IIU6l3lNVxilZHVifeAbgqrdExjbp7"
    "Okc/2645tB8hrmWYdfEC9VWGnRMUpSZJWHatadcEzFqy4BufXYXfHMQQBx4kb8LqqBmEH8"
    "ErnQWDPCGxpy0LHNHBogRL0UsyYvZ3WjsP1ye0e5tAF+bc4HPzzcXV+zAFoQcNFxJh4InP"
    "7DS0JvTOyGM5CqmiEEa0SKVV+qXmB7kwN479UKbclqac47tUw8pZSl3vtRERL7OfaW2ls2"
    "/g55t8zwq5+BbLYrgiiWHaxZdtdD3TvZnM8nZcqnL+SrvPu6CWtPOhr671x+dK6G3Q6nHJ"
    "Crb6ibRysQVOZ8MVTkctcZ5GCysaZz80DlPI5UCNSChEFX1zTPomtCa3BLZiGzQkUY28sK"
    "WibKCLbBMZfT+bsIlcrq+ka4KCmusXJGt+mkHMiJFAEPxqj9mKNfNfBKYPvwe6+UR7DKNY"
    "vnKnRlozVRK+skI8ZYelozljS3iyDx+nCZu93GGLtNX8mHpR8q3LsHzl7Mod7kKQT7FEWl"
    "RWIU2IKrOj1Eopj/Hg7yqL4MsI+8t/wzJEVWxCbmxCSfJY9eGE9p5Z7iJD7PrKScsVJTdd"
    "YgCBPODy3wOHcfuYCIctet0M8lA90cseJ/VFBl8Peh6tbvUKwy4qV1sslIv1VySzIpkVya"
    "xIZqXtba7tsalvgzaOiCmKucztG+gvmWzow0PnJi9IKiqVaGHfR+YZk63WqyuyLYm2irYC"
    "/6Ur2dAArV2woT6ZDZa1nSa4a7m7eO8qE3232DA90w5abqa+ygaKlCpg/ji6S2gjg6lr+0"
    "6DGx58g15qeEAedQJNRIRzEufQAm81D4T+2yw/LyJZxs8uq14Xz8KxUuEsx7SGjkuHHlsR"
    "V+kjlBmkIi3KPXqpBeUSRCGn4wQykmpdB6I/fOlDi7td5wMuESNQTjsvBXhqOX5LhAouxZ"
    "8KOntVwG0ORVr5tq0122m4YYkCSjernO0NQdhqtAPdOeIGiVcHFEXENF96Mgwr56ry1NUx"
    "ERox7xBZ+vaOalWqdikmK6VqH9r3IBLOsXx50jD/Y9DrZsOcEEsq2sgg4L/AQt7elIPa3y"
    "Y+FhvhjH1kEYS9M3a/v9f2O0ZnQc9giunYqeyFyUSFCeWZVZBKwsx+lYYyqK6VW0NHxQ64"
    "M/TizOluDa2sD2V9VNP6OJxefSpI71WxHiCHw5WhW4eXVqrXHnK00DN5vYo96NwD3Wcbsh"
    "Fk6OHOcHokGdOQbZwdBvEiDzxCJ+Cig/hdE02hRwDz02CbwT0jYsxSSvee7jPCGELTa4DP"
    "zXPwv+Du5uoV++0Mt4YLdWveCKt8XUhlD4VTanusFPxGIOZLPyp6+KDq/KJ5JFT6qEwF1f"
    "o9bBG+6N3pMX9Fxq2YWIV2hztw0i0+asn074VABTv3xVWRfcxoqfzloavUXmYz/VwG36B4"
    "BdG9LLJf2GX+fmGXqf3Cgn32ZDZ/iIqozR9Saa4cKSwdBWMmjFQl1i3LfpbhqKIyiqDaOU"
    "GlFunze391F+l9x9yw1eOSqtXL0uoZvq2plVlFjqokmOVHVtHOKglm6dEtcRLMPNZ6PWUt"
    "QVcTfTLhzDEO/TPqYZ5J4UPN6gLPLAHC19DDm+c18GCG6/X21alI03IxxJDlA5WhdxYClY"
    "sv3cuu5cqhZr++64vsv7LB0inBKiK+DzoYeRqdctBTRrde6SoTkzugr0w4oJysq8yip9I5"
    "VBLzpKiCvTjsPOWLZU/RJomBUsIqlrg8fEuaZlPkav6Mcpo0m4qAOh7NFhp+csAmpCrkEb"
    "E7YOlULwnqUkJ1VcVbHpO3DMOYtgQ2jJeqKKqRFzYGaZ9Odv1Oa1jLHGl3gWukqtMaZQtD"
    "G59gcuAt4uEdpPnY0sm7milRYv0z4L41FZBbBK34TlZbYpXaQasq/WufSzJN6CJjVstYlA"
    "mu1Fcty+jLMusWZvJhUAsk5VogeaKjVqZvdz61HBFRpHIxUpm9VBIIB8UriO5eoo7pHQnM"
    "MmvyvTkjIod35jwOa7kzt82UgXlI/4I//h/lp1dl"
)
